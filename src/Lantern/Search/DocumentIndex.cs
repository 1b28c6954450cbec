using System.Globalization;
using Lantern.Extraction;
using Lantern.Storage;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Lantern.Search;

/// <summary>
/// The Lucene side of a workspace. SQLite is the record: each Lucene commit notes the last
/// document row it covers, and <see cref="CatchUp"/> indexes whatever SQLite holds beyond that,
/// so a run killed between the two commits heals on the next open without duplicates.
/// Only the holder of the workspace's <see cref="WriteLock"/> opens one: readers never write.
/// </summary>
internal sealed class DocumentIndex : IDisposable
{
    public const string LastRowKey = "lantern.last_rowid";

    /// <summary>Names one build of the index; a rebuild starts a new one, so long-lived readers know to reopen rather than refresh.</summary>
    public const string BuildKey = "lantern.index_build";

    private readonly LuceneDirectory directory;
    private readonly IndexWriter writer;
    private readonly string build;
    private long lastRowId;

    private DocumentIndex(LuceneDirectory directory, IndexWriter writer, long lastRowId, string build)
    {
        this.directory = directory;
        this.writer = writer;
        this.lastRowId = lastRowId;
        this.build = build;
    }

    /// <summary>Opens the index for writing. The caller holds the workspace's write lock (<paramref name="heldLock"/> says so).</summary>
    public static DocumentIndex OpenWriter(string path, WriteLock heldLock, double ramBufferMb = 64) =>
        Open(path, heldLock, OpenMode.CREATE_OR_APPEND, ramBufferMb);

    /// <summary>
    /// Builds the index again from SQLite, for when it is damaged (files missing or unreadable): the
    /// old files are removed first, then every stored document is indexed under a new build name.
    /// </summary>
    public static long Rebuild(string path, WriteLock heldLock, DocumentStore store, MentionStore mentions, Action<long>? onProgress = null)
    {
        if (System.IO.Directory.Exists(path))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(path))
            {
                File.Delete(file);
            }
        }

        System.IO.Directory.CreateDirectory(path);
        using var index = Open(path, heldLock, OpenMode.CREATE, 64);
        long count = 0;
        foreach (var document in store.After(0))
        {
            index.Add(document, mentions.ForDocument(document.RowId), store.Facts(document.RowId));
            if (++count % 10_000 == 0)
            {
                onProgress?.Invoke(count);
            }
        }

        index.Commit();
        return count;
    }

    private static DocumentIndex Open(string path, WriteLock heldLock, OpenMode mode, double ramBufferMb)
    {
        ArgumentNullException.ThrowIfNull(heldLock);
        var directory = FSDirectory.Open(path);
        try
        {
            var (lastRowId, build) = mode == OpenMode.CREATE ? (0L, null) : ReadCommitMark(directory);
            var config = new IndexWriterConfig(LanternAnalyzer.Version, new LanternAnalyzer())
            {
                OpenMode = mode,
                RAMBufferSizeMB = ramBufferMb,
            };
            var writer = new IndexWriter(directory, config);
            return new DocumentIndex(directory, writer, lastRowId, build ?? Guid.NewGuid().ToString("N"));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The last document row the index's latest commit covers (0 for a new index) and the index's
    /// build name, read from the commit point alone (<c>segments_N</c>) without opening any segment.
    /// </summary>
    public static (long LastRowId, string? Build) ReadCommitMark(LuceneDirectory directory)
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            return (0, null);
        }

        return WhileCommitting(() =>
        {
            var infos = new SegmentInfos();
            infos.Read(directory);
            return FromUserData(infos.UserData);
        });
    }

    /// <summary>
    /// Reads the index, trying again for a moment when it fails: Lucene 4.8 writes <c>segments_N</c>
    /// in place, so a reader that arrives during a writer's commit can find it half-written (and for
    /// the first commit there is no earlier one to fall back to). A failure that outlasts any commit is real.
    /// </summary>
    internal static T WhileCommitting<T>(Func<T> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return read();
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The row mark and build name a commit's user data holds.</summary>
    public static (long LastRowId, string? Build) FromUserData(IDictionary<string, string> userData) =>
        (userData.TryGetValue(LastRowKey, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rowId) ? rowId : 0,
            userData.TryGetValue(BuildKey, out var build) ? build : null);

    /// <summary>
    /// Adds a document stored after the last commit. Every document added is covered by the next
    /// commit's row mark, so a row beyond the mark is never in the index and a plain add cannot
    /// duplicate it.
    /// </summary>
    public void Add(Model.Document document, IReadOnlyList<Mention> mentions, ListingFacts facts)
    {
        writer.AddDocument(ToLucene(document, mentions, facts));
        lastRowId = Math.Max(lastRowId, document.RowId);
    }

    /// <summary>Makes everything added so far durable and searchable, and records how far it reaches.</summary>
    public void Commit()
    {
        writer.SetCommitData(new Dictionary<string, string> { [LastRowKey] = lastRowId.ToString(CultureInfo.InvariantCulture), [BuildKey] = build });
        writer.Commit();
    }

    /// <summary>A reader that sees everything added so far, committed or not (for the watch check at the end of an ingest).</summary>
    public DirectoryReader OpenReader() => DirectoryReader.Open(writer, applyAllDeletes: true);

    /// <summary>Re-indexes a document already in the index, after its mentions or facts changed.</summary>
    public void Replace(Model.Document document, IReadOnlyList<Mention> mentions, ListingFacts facts) =>
        writer.UpdateDocument(new Term(IndexFields.Id, document.Id), ToLucene(document, mentions, facts));

    /// <summary>
    /// Deletes documents and rewrites the index into one segment, so that no file keeps their terms;
    /// the old segment files go with the commit.
    /// </summary>
    public void DeleteAndPurge(IEnumerable<Term> ids)
    {
        writer.DeleteDocuments(ids.ToArray());
        writer.ForceMerge(1);
        Commit();
        writer.DeleteUnusedFiles();
    }

    /// <summary>Indexes the documents SQLite holds beyond the last commit; returns how many.</summary>
    public int CatchUp(DocumentStore store, MentionStore mentions)
    {
        var count = 0;
        foreach (var document in store.After(lastRowId).ToList())
        {
            Add(document, mentions.ForDocument(document.RowId), store.Facts(document.RowId));
            count++;
        }

        if (count > 0)
        {
            Commit();
        }

        return count;
    }

    /// <summary>Dates are ranged by day or coarser, so a precision step of 16 (four terms a value) serves as well as Lucene's default 4 (sixteen).</summary>
    public const int PostedAtPrecisionStep = 16;

    /// <summary>Row numbers are ranged from a point onwards (the rows an ingest stored), as coarsely as dates.</summary>
    public const int RowPrecisionStep = 16;

    private static readonly FieldType RowType = new(Int64Field.TYPE_NOT_STORED) { NumericPrecisionStep = RowPrecisionStep };

    private static readonly FieldType PostedAtType = new(Int64Field.TYPE_NOT_STORED) { NumericPrecisionStep = PostedAtPrecisionStep };

    public static Lucene.Net.Documents.Document ToLucene(Model.Document document, IReadOnlyList<Mention> mentions, ListingFacts facts)
    {
        var fields = new Lucene.Net.Documents.Document
        {
            new StringField(IndexFields.Id, document.Id, Field.Store.YES),
            new StoredField(IndexFields.Listing, document.Listing.Length > 0 ? document.Listing : document.Id),
            new TextField(IndexFields.Site, document.Site, Field.Store.NO),
            new TextField(IndexFields.Kind, document.Kind, Field.Store.NO),
            new TextField(IndexFields.Text, document.Text, Field.Store.NO),
            new Int64Field(IndexFields.Row, document.RowId, RowType),
        };
        if (document.Author is { } author)
        {
            fields.Add(new TextField(IndexFields.Author, author, Field.Store.NO));
        }

        if (document.Title is { } title)
        {
            fields.Add(new TextField(IndexFields.Title, title, Field.Store.NO));
        }

        var posted = document.PostedAt?.ToUnixTimeSeconds() ?? long.MinValue;
        if (document.PostedAt is not null)
        {
            fields.Add(new Int64Field(IndexFields.PostedAt, posted, PostedAtType));
        }

        fields.Add(new NumericDocValuesField(IndexFields.PostedAtSort, posted));

        // Every unmapped column or key is searchable: under its own name (from:usa) and, like the
        // text, by bare words (usa).
        foreach (var (key, value) in document.Metadata ?? new Dictionary<string, string>())
        {
            if (IndexFields.ForMetadata(key) is { } name && value.Length > 0)
            {
                fields.Add(new TextField(name, value, Field.Store.NO));
                fields.Add(new TextField(IndexFields.Text, value, Field.Store.NO));
            }
        }

        foreach (var key in mentions.Select(mention => mention.Key).Distinct(StringComparer.Ordinal))
        {
            fields.Add(new StringField(IndexFields.Selector, IndexTerms.Bound(key), Field.Store.NO));
        }

        AddFacts(fields, facts);
        return fields;
    }

    /// <summary>
    /// Listing facts as fields: <c>drug</c>, <c>class</c>, <c>ships_from</c>, <c>ships_to</c> and
    /// <c>indicator</c> one term per value, and the unit price as <c>price_per_g</c>,
    /// <c>price_per_ml</c> or <c>price_per_unit</c> (in the listing's own currency) for ranges.
    /// </summary>
    private static void AddFacts(Lucene.Net.Documents.Document fields, ListingFacts facts)
    {
        if (facts.IsEmpty)
        {
            return;
        }

        foreach (var (name, values) in new (string, IEnumerable<string>)[]
        {
            (IndexFields.Drug, facts.Items.Select(item => item.Drug)),
            (IndexFields.DrugClass, facts.Items.Select(item => item.Class)),
            (IndexFields.ShipsFrom, facts.ShipsFrom),
            (IndexFields.ShipsTo, facts.ShipsTo),
            (IndexFields.Indicator, facts.Indicators.Select(indicator => indicator.Kind)),
        })
        {
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                fields.Add(new TextField(name, value, Field.Store.NO));
            }
        }

        if (facts.UnitPrice is { } unitPrice && IndexFields.PricePer(unitPrice.Per) is { } priceField)
        {
            fields.Add(new DoubleField(priceField, (double)unitPrice.Amount, Field.Store.NO));
        }
    }

    /// <summary>
    /// Closes without committing: only <see cref="Commit"/> makes additions durable, together with the
    /// row mark that covers them. (Lucene's own close would commit them under the previous mark, and
    /// the next catch-up would add them a second time.)
    /// </summary>
    public void Dispose()
    {
        writer.Rollback();
        directory.Dispose();
    }
}
