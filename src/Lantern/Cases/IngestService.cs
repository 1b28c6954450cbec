using Lantern.Ingest;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Extraction;
using Lantern.Extraction.Facts;
using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>What the analyst asked ingest to do.</summary>
public sealed record IngestRequest(
    IReadOnlyList<string> Paths,
    string? Site = null,
    string? Format = null,
    IReadOnlyDictionary<string, string>? ColumnMap = null,
    int BatchSize = 1000,
    SourceEncoding? Encoding = null,
    string? Kind = null);

/// <summary>
/// The outcome for one file: records kept (<see cref="Added"/> new documents plus
/// <see cref="Versions"/> of stored ones), of those how many decoding <see cref="Repaired"/>,
/// <see cref="Duplicates"/> of stored records, and records refused (<see cref="Errors"/>).
/// </summary>
public sealed record FileReport(string Path, string Format, long Bytes, int Added, int Versions, int Duplicates, int Errors, bool AlreadyIngested)
{
    public int Kept => Added + Versions;

    public int Repaired { get; init; }

    public int Refused => Errors;

    /// <summary>The encoding the file was read in, where the format has one.</summary>
    public string? Encoding { get; init; }
}

/// <summary>The outcome of a whole run: per file, with every problem found.</summary>
public sealed record IngestReport(IReadOnlyList<FileReport> Files, IReadOnlyList<IngestProblem> Problems, TimeSpan Elapsed)
{
    /// <summary>Records stored: new documents and new versions of stored ones.</summary>
    public int Kept => Files.Sum(file => file.Kept);

    /// <summary>New documents, not counting new versions of stored ones.</summary>
    public int Added => Files.Sum(file => file.Added);

    public int Versions => Files.Sum(file => file.Versions);

    public int Duplicates => Files.Sum(file => file.Duplicates);

    public int Errors => Problems.Count(problem => problem.Severity == ProblemSeverity.Error);

    public long Bytes => Files.Sum(file => file.Bytes);

    /// <summary>True when the run was stopped at the user's request before reading everything.</summary>
    public bool Cancelled { get; init; }

    /// <summary>How many alerts the case's watches raised on the documents this run stored ('lantern alerts' lists them).</summary>
    public int Alerts { get; init; }

    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1048576.0 / Elapsed.TotalSeconds : 0;
}

/// <summary>Progress as ingest goes: bytes read out of all bytes, and the file being read.</summary>
public readonly record struct IngestProgress(long BytesDone, long BytesTotal, string CurrentFile, long DocumentsAdded);

/// <summary>
/// Reads files into the workspace: detect the format, stream records, store them in SQLite in
/// batches (each batch one transaction) and index them in Lucene. Bad records are reported and
/// skipped; the rest of the file and the run go on.
/// </summary>
public sealed class IngestService(CaseSession session)
{
    private static readonly TimeSpan IndexCommitInterval = TimeSpan.FromSeconds(5);

    private readonly Workspace workspace = session.Workspace;

    private readonly DocumentStore store = session.Workspace.Documents;
    private readonly MentionStore mentions = session.Workspace.Mentions;

    private CancellationToken cancellation;

    /// <summary>
    /// Ingests, as an audited operation. When <paramref name="cancellation"/> is signalled (Ctrl+C),
    /// the run stops after the batch in hand: what is stored stays stored and is indexed, the file
    /// being read is left incomplete (the next run reads it again and recognises what it holds), and
    /// the report says <see cref="IngestReport.Cancelled"/>.
    /// </summary>
    public IngestReport Run(IngestRequest request, Action<IngestProblem>? onProblem = null, Action<IngestProgress>? onProgress = null, CancellationToken cancellation = default)
    {
        this.cancellation = cancellation;
        var parameters = new { paths = request.Paths, site = request.Site, format = request.Format };
        var role = session.Authorize(Permission.Ingest, "ingest", parameters);
        // Written before any work, so an ingest that is killed leaves its "started" entry without an end.
        var started = session.Record(role, "ingest", parameters, null, "started");
        IngestReport report;
        try
        {
            report = Ingest(request, role, onProblem, onProgress);
        }
        catch (Exception exception)
        {
            var outcome = exception is OperationCanceledException ? "aborted" : "failed";
            session.Record(role, "ingest", new { paths = request.Paths, site = request.Site, format = request.Format, started_entry = started.Seq, error = exception.Message },
                null, outcome);
            throw;
        }

        session.Record(role, "ingest", new
        {
            paths = request.Paths,
            site = request.Site,
            format = request.Format,
            started_entry = started.Seq,
            files = report.Files.Count,
            duplicates = report.Duplicates,
            errors = report.Errors,
            alerts = report.Alerts,
        }, report.Kept, report.Cancelled ? "cancelled" : "ok");
        return report;
    }

    private IngestReport Ingest(IngestRequest request, Role role, Action<IngestProblem>? onProblem, Action<IngestProgress>? onProgress)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<IngestProblem>();
        var reports = new List<FileReport>();
        void Report(IngestProblem problem)
        {
            problems.Add(problem);
            workspace.Sources.RecordProblem(problem);
            onProblem?.Invoke(problem);
        }

        IDocumentReader? forcedReader = null;
        var relationFormat = request.Format is { } named && RelationReader.Formats.Contains(named.ToLowerInvariant()) ? named.ToLowerInvariant() : null;
        if (request.Format is { } format && relationFormat is null && (forcedReader = FormatDetector.ByName(format)) is null)
        {
            throw new BadInputException($"unknown format '{format}'; use one of: {string.Join(", ", FormatDetector.Formats.Concat(RelationReader.Formats))}");
        }

        var files = ExpandPaths(request.Paths, Report);
        var bytesTotal = files.Sum(file => file.Length);
        long bytesBefore = 0;
        long added = 0;
        using var writeLock = workspace.LockForWriting("ingest", session.User);
        // Rows after this one are what this run stores, and any an earlier run stored but died before checking:
        // the watches are checked against them alone.
        var lastRowBefore = Math.Min(store.MaxRowId(), workspace.Watches.CheckedThrough());
        using var index = DocumentIndex.OpenWriter(workspace.IndexPath, writeLock);
        index.CatchUp(store, mentions);
        new Reextraction(workspace, index).Run();
        using var indexer = new BackgroundIndexer(index, IndexCommitInterval);
        var options = new ReadOptions(request.Site, request.ColumnMap) { Encoding = request.Encoding, Kind = request.Kind };

        foreach (var info in files)
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            var display = DisplayPath(info.FullName);
            onProgress?.Invoke(new IngestProgress(bytesBefore, bytesTotal, display, added));
            try
            {
                if (relationFormat is not null)
                {
                    var table = new SourceFile(info.FullName, display, HashFile(info.FullName), info.Length);
                    reports.Add(ImportRelations(table, relationFormat, options, request, Report));
                    bytesBefore += info.Length;
                    continue;
                }

                var (reader, problem) = forcedReader is not null ? (forcedReader, null) : FormatDetector.Detect(info.FullName);
                if (reader is null)
                {
                    Report(new IngestProblem(display, "file", problem!));
                    reports.Add(new FileReport(display, "?", info.Length, 0, 0, 0, 1, false));
                    continue;
                }

                var source = new SourceFile(info.FullName, display, HashFile(info.FullName), info.Length);
                reports.Add(IngestFile(source, reader, options, request, indexer, Report, Progress));
                added += reports[^1].Added + reports[^1].Versions;
            }
            catch (IOException exception)
            {
                Report(new IngestProblem(display, "file", $"cannot read: {exception.Message}"));
                reports.Add(new FileReport(display, "?", info.Length, 0, 0, 0, 1, false));
            }
            catch (UnauthorizedAccessException exception)
            {
                Report(new IngestProblem(display, "file", $"cannot read: {exception.Message}"));
                reports.Add(new FileReport(display, "?", info.Length, 0, 0, 0, 1, false));
            }

            bytesBefore += info.Length;
        }

        indexer.Finish();
        index.Commit();
        var alerts = CheckWatches(role, index, lastRowBefore);
        onProgress?.Invoke(new IngestProgress(bytesTotal, bytesTotal, string.Empty, added));
        return new IngestReport(reports, problems, clock.Elapsed) { Cancelled = cancellation.IsCancellationRequested, Alerts = alerts };

        void Progress(string file, long bytesInFile, long addedInFile)
        {
            onProgress?.Invoke(new IngestProgress(bytesBefore + bytesInFile, bytesTotal, file, added + addedInFile));
        }
    }

    /// <summary>
    /// Checks what this run stored against the case's watches, as the ingesting member, and audits the
    /// check ("alerts.check") with how many watches, new rows and alerts; returns how many alerts were raised.
    /// </summary>
    private int CheckWatches(Role role, DocumentIndex index, long lastRowBefore)
    {
        var throughRow = store.MaxRowId();
        var newRows = store.CountAfter(lastRowBefore);
        if (newRows == 0)
        {
            return 0;
        }

        var outcome = WatchCheck.Run(workspace, index, lastRowBefore, throughRow, session.User);
        if (outcome.Watches > 0)
        {
            session.Record(role, "alerts.check", new { after_row = lastRowBefore, documents = newRows, watches = outcome.Watches, alerts = outcome.Alerts, problems = outcome.Problems },
                outcome.Alerts.Count);
        }

        return outcome.Alerts.Count;
    }

    private FileReport IngestFile(
        SourceFile source,
        IDocumentReader reader,
        ReadOptions options,
        IngestRequest request,
        BackgroundIndexer indexer,
        Action<IngestProblem> report,
        Action<string, long, long> progress)
    {
        var optionsKey = request.ColumnMap is { Count: > 0 } map ? JsonSerializer.Serialize(map.OrderBy(pair => pair.Key, StringComparer.Ordinal)) : string.Empty;
        if (request.Encoding is { } forced)
        {
            optionsKey += $"encoding={TextDecoder.Name(forced)}";
        }

        if (request.Kind is { } kind)
        {
            optionsKey += $"kind={kind}";
        }

        var (sourceId, complete) = workspace.Sources.Begin(source, reader.Format, request.Site ?? string.Empty, optionsKey, session.User);
        if (complete)
        {
            return new FileReport(source.DisplayPath, reader.Format, source.Size, 0, 0, 0, 0, AlreadyIngested: true);
        }

        int addedCount = 0, versions = 0, duplicates = 0, errors = 0, repaired = 0, records = 0;
        var batch = new List<Document>(request.BatchSize);
        var extractions = new List<ExtractionResult>(request.BatchSize);
        var facts = new List<ListingFacts>(request.BatchSize);
        var extractionContext = new ExtractionContext(workspace.Case.Region, InTelegramExport: reader.Format == "telegram");
        long position = 0;
        foreach (var item in ReaderGuard.Read(reader, source, options))
        {
            if (item.Problem is { } problem)
            {
                report(problem);
                if (problem.Severity == ProblemSeverity.Error)
                {
                    errors++;
                }

                continue;
            }

            records++;
            ExtractionResult extraction;
            ListingFacts listingFacts;
            try
            {
                extraction = SelectorExtractor.Extract(item.Document!.Text, extractionContext);
                listingFacts = ExtractFacts(item.Document, extraction.Mentions);
            }
            catch (Exception exception) when (exception is not (OutOfMemoryException or InsufficientExecutionStackException))
            {
                report(new IngestProblem(source.DisplayPath, item.Document!.Location.ToString(), $"extraction failed ({exception.GetType().Name}: {exception.Message.TrimEnd('.')}); record skipped"));
                errors++;
                continue;
            }

            batch.Add(item.Document!);
            extractions.Add(extraction);
            facts.Add(listingFacts);
            position = item.Document!.Location.ByteEnd;
            if (batch.Count >= request.BatchSize)
            {
                Flush();
                progress(source.DisplayPath, position, addedCount + versions);
                if (cancellation.IsCancellationRequested)
                {
                    // Not marked complete: the next run reads the file again and finds these records stored.
                    return new FileReport(source.DisplayPath, reader.Format, source.Size, addedCount, versions, duplicates, errors, AlreadyIngested: false) { Repaired = repaired };
                }
            }
        }

        Flush();
        if (records == 0 && errors == 0 && source.Size > 0)
        {
            report(new IngestProblem(source.DisplayPath, "file", $"not empty ({source.Size:N0} bytes) but no record could be read from it as {reader.Format}; check --format, --encoding and, for CSV, that it has data rows below the header"));
            errors++;
        }

        workspace.Sources.Finish(sourceId, addedCount + versions, duplicates, errors);
        return new FileReport(source.DisplayPath, reader.Format, source.Size, addedCount, versions, duplicates, errors, AlreadyIngested: false)
        {
            Repaired = repaired,
            Encoding = reader.Format is "csv" or "jsonl" or "text" ? TextDecoder.Name(FileLayout.Detect(source.Path, options.Encoding, quotedFields: reader.Format == "csv").Encoding) : null,
        };

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var storedBatch = new List<StoredItem>(batch.Count);
            foreach (var stored in store.AddBatch(batch, extractions, facts, source, sourceId, session.User, DateTimeOffset.UtcNow))
            {
                switch (stored.Outcome)
                {
                    case StoreOutcome.Added:
                        addedCount++;
                        break;
                    case StoreOutcome.AddedAsNewVersion:
                        versions++;
                        break;
                    default:
                        duplicates++;
                        break;
                }

                if (stored.Document is not null)
                {
                    storedBatch.Add(stored);
                    repaired += stored.Document.Repairs is null ? 0 : 1;
                }
            }

            indexer.Enqueue(storedBatch);
            batch.Clear();
            extractions.Clear();
            facts.Clear();
        }
    }

    /// <summary>
    /// The listing facts of a document of any kind: a CSV or JSON dump without a kind column gives
    /// listings the kind "post", and forum post titles sell too ("WTS 10x Xanax 2mg"), so the kind
    /// cannot tell; the extractor reads items from the title and, only when it names no drug, from the text. The
    /// document's selectors add what only they can tell (a shop page's phone numbers from several countries).
    /// </summary>
    internal static ListingFacts ExtractFacts(Document document, IReadOnlyList<Mention> mentions) =>
        FactsExtractor.WithContacts(FactsExtractor.Default.Extract(document.Title, document.Text, FactColumns.From(document.Metadata)), document.Kind, mentions);

    /// <summary>Stores a relationship table's links (in one transaction per file: such tables are small beside document dumps).</summary>
    private FileReport ImportRelations(SourceFile source, string format, ReadOptions options, IngestRequest request, Action<IngestProblem> report)
    {
        var optionsKey = string.Empty;
        var (sourceId, complete) = workspace.Sources.Begin(source, format, request.Site ?? string.Empty, optionsKey, session.User);
        if (complete)
        {
            return new FileReport(source.DisplayPath, format, source.Size, 0, 0, 0, 0, AlreadyIngested: true);
        }

        var errors = 0;
        IEnumerable<Relation> Links()
        {
            foreach (var (relation, problem) in ReaderGuard.Read(source, format, options))
            {
                if (problem is not null)
                {
                    report(problem);
                    errors += problem.Severity == ProblemSeverity.Error ? 1 : 0;
                    continue;
                }

                yield return relation!;
            }
        }

        var (added, duplicates) = workspace.Relations.Add(Links(), sourceId, DateTimeOffset.UtcNow, session.User);
        if (added + duplicates + errors == 0 && source.Size > 0)
        {
            report(new IngestProblem(source.DisplayPath, "file", $"not empty ({source.Size:N0} bytes) but no link could be read from it as {format}"));
            errors++;
        }

        workspace.Sources.Finish(sourceId, added, duplicates, errors);
        return new FileReport(source.DisplayPath, format, source.Size, added, 0, duplicates, errors, AlreadyIngested: false);
    }

    /// <summary>
    /// Files named, and the files below folders named (each folder's entries in name order, so runs are
    /// repeatable), leaving out the workspace's own files. Only regular files are read: a FIFO, device
    /// or socket is named in a warning and never opened (opening a FIFO waits for a writer forever), and
    /// so is a link inside a folder that leads out of it. Folders are walked by their real paths: a link
    /// to a folder outside is never descended, and a folder reached again through a link (a cycle, or a
    /// second way to a sibling) is not walked twice, so every real file is read at most once per run.
    /// </summary>
    private List<FileInfo> ExpandPaths(IReadOnlyList<string> paths, Action<IngestProblem> report)
    {
        var files = new List<FileInfo>();
        var filesSeen = new HashSet<string>(StringComparer.Ordinal);
        var foldersSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var kind = FileSystemEntries.KindOf(path);
            if (kind == FileKind.Regular)
            {
                if (filesSeen.Add(FileSystemEntries.RealPath(path) ?? Path.GetFullPath(path)))
                {
                    files.Add(new FileInfo(path));
                }
            }
            else if (kind == FileKind.Directory)
            {
                var folder = FileSystemEntries.RealPath(path) ?? Path.GetFullPath(path);
                if (foldersSeen.Add(folder))
                {
                    files.AddRange(FilesBelow(path, folder, foldersSeen, filesSeen, report).Select(file => new FileInfo(file)));
                }
            }
            else if (kind == FileKind.Missing)
            {
                report(new IngestProblem(path, "path", "no such file or folder"));
            }
            else
            {
                report(new IngestProblem(path, "path", $"{FileSystemEntries.Describe(kind)}, not a regular file; skipped", ProblemSeverity.Warning));
            }
        }

        return files;
    }

    /// <summary>
    /// The readable files below <paramref name="directory"/>, depth first, one folder listed at a time.
    /// A sub-folder (a link or not) is entered only when its real path is inside <paramref name="root"/>
    /// and was not entered before in this run.
    /// </summary>
    private IEnumerable<string> FilesBelow(string directory, string root, HashSet<string> foldersSeen, HashSet<string> filesSeen, Action<IngestProblem> report)
    {
        var entries = new List<FileSystemInfo>();
        try
        {
            entries.AddRange(new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            report(new IngestProblem(DisplayPath(directory), "path", $"folder could not be listed: {error.Message}", ProblemSeverity.Warning));
            yield break;
        }

        foreach (var entry in entries.OrderBy(entry => entry.Name, StringComparer.Ordinal))
        {
            if (entry.Name.StartsWith('.') || IsInsideWorkspace(entry.FullName))
            {
                continue;
            }

            var real = FileSystemEntries.RealPath(entry.FullName);
            var display = DisplayPath(entry.FullName);
            if (real is null)
            {
                report(new IngestProblem(display, "path", "a symbolic link that leads nowhere; skipped", ProblemSeverity.Warning));
                continue;
            }

            if (!FileSystemEntries.IsInside(real, root))
            {
                report(new IngestProblem(display, "path", $"a symbolic link that leads out of the ingested folder (to {real}); skipped", ProblemSeverity.Warning));
                continue;
            }

            var kind = FileSystemEntries.KindOf(real);
            if (kind == FileKind.Directory)
            {
                if (!foldersSeen.Add(real))
                {
                    report(new IngestProblem(display, "path", $"a folder already read in this run by another path ({real}); skipped", ProblemSeverity.Warning));
                    continue;
                }

                foreach (var file in FilesBelow(entry.FullName, root, foldersSeen, filesSeen, report))
                {
                    yield return file;
                }
            }
            else if (kind != FileKind.Regular)
            {
                report(new IngestProblem(display, "path", $"{FileSystemEntries.Describe(kind)}, not a regular file; skipped", ProblemSeverity.Warning));
            }
            else if (filesSeen.Add(real))
            {
                yield return entry.FullName;
            }
        }
    }

    private bool IsInsideWorkspace(string file)
    {
        var full = Path.GetFullPath(file);
        return full.StartsWith(workspace.IndexPath + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || full.StartsWith(workspace.DatabasePath, StringComparison.Ordinal);
    }

    private static string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Indexes stored batches on a second thread while the first reads and stores the next ones,
    /// committing Lucene every few seconds. The queue is bounded, so memory stays flat; when the
    /// indexing thread fails, the reading thread is woken from a full queue and fails with its error
    /// rather than waiting for a consumer that is gone.
    /// </summary>
    private sealed class BackgroundIndexer : IDisposable
    {
        private readonly BlockingCollection<List<StoredItem>> queue = new(boundedCapacity: 4);
        private readonly CancellationTokenSource failed = new();
        private readonly Task worker;

        public BackgroundIndexer(DocumentIndex index, TimeSpan commitInterval) =>
            worker = Task.Factory.StartNew(() =>
            {
                try
                {
                    var sinceCommit = Stopwatch.StartNew();
                    foreach (var batch in queue.GetConsumingEnumerable())
                    {
                        foreach (var item in batch)
                        {
                            index.Add(item.Document!, item.Mentions, item.Facts);
                        }

                        if (sinceCommit.Elapsed > commitInterval)
                        {
                            index.Commit();
                            sinceCommit.Restart();
                        }
                    }
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            }, TaskCreationOptions.LongRunning);

        public void Enqueue(List<StoredItem> batch)
        {
            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                queue.Add(batch, failed.Token);
            }
            catch (OperationCanceledException)
            {
                ThrowFailure();
            }
        }

        /// <summary>Waits until every queued batch is indexed, rethrowing what went wrong there.</summary>
        public void Finish()
        {
            queue.CompleteAdding();
            ThrowFailure();
        }

        private void ThrowFailure()
        {
            try
            {
                worker.GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception is not BadInputException)
            {
                throw new BadInputException(
                    $"indexing failed ({exception.GetType().Name}: {exception.Message}); the documents stored so far are kept in the database and the index catches up with them on the next write");
            }
        }

        public void Dispose()
        {
            if (!queue.IsAddingCompleted)
            {
                queue.CompleteAdding();
            }

            try
            {
                worker.Wait();
            }
            catch (AggregateException)
            {
                // Already reported by Finish or Enqueue; disposal only stops the thread.
            }

            queue.Dispose();
            failed.Dispose();
        }
    }
}
