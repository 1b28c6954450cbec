using Lantern.Extraction;
using Lantern.Extraction.Facts;
using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>
/// Extracts again the documents whose mentions came from an older extractor version (or from none),
/// replacing their mentions in SQLite and their selectors in the index, batch by batch; and reads
/// again the listing facts of documents read by other facts rules (<see cref="FactsExtractor.RulesVersion"/>) or not yet.
/// </summary>
internal sealed class Reextraction(Workspace workspace, DocumentIndex index)
{
    private const int BatchSize = 500;

    /// <summary>
    /// Extracts again, holding the write lock: the documents of an older extractor, or every
    /// document when <paramref name="all"/> (after the case's phone region changed). Returns how many.
    /// </summary>
    public static int Run(Workspace workspace, string user, bool all, Action<int>? onProgress = null, CancellationToken cancellation = default)
    {
        using var writeLock = workspace.LockForWriting("reextract", user);
        if (all)
        {
            workspace.Mentions.MarkAllStale();
        }

        using var index = DocumentIndex.OpenWriter(workspace.IndexPath, writeLock);
        index.CatchUp(workspace.Documents, workspace.Mentions);
        return new Reextraction(workspace, index).Run(onProgress, cancellation);
    }

    /// <summary>Extracts again, batch by batch, with an index writer the caller holds under the write lock.</summary>
    public int Run(Action<int>? onProgress = null, CancellationToken cancellation = default)
    {
        var documents = workspace.Documents;
        var mentions = workspace.Mentions;
        var total = 0;
        // Stopped between batches, the rest stays marked stale for the next run.
        while (!cancellation.IsCancellationRequested)
        {
            var stale = mentions.Stale(BatchSize);
            if (stale.Count == 0)
            {
                break;
            }

            var batch = documents.GetWithFormat(stale)
                .Select(pair => (pair.Document, Result: SelectorExtractor.Extract(pair.Document.Text, new ExtractionContext(workspace.Case.Region, pair.Format == "telegram"))))
                .Select(item => (item.Document, item.Result, Facts: IngestService.ExtractFacts(item.Document, item.Result.Mentions)))
                .ToList();
            // The index first, then the facts (a page's selectors feed them), then the mentions: if the run dies between
            // the commits, SQLite still marks these documents stale and the next run redoes them, which gives the same result.
            foreach (var (document, result, listingFacts) in batch)
            {
                index.Replace(document, result.Mentions, listingFacts);
            }

            index.Commit();
            workspace.Facts.PutAll(batch.Select(item => (item.Document.RowId, item.Facts)), FactsExtractor.Default.RulesVersion);
            mentions.ReplaceAll(batch.Select(item => (item.Document.RowId, item.Result)));
            total += batch.Count;
            onProgress?.Invoke(total);
        }

        return total + RunFacts(documents, mentions, onProgress, total, cancellation);
    }

    private int RunFacts(DocumentStore documents, MentionStore mentions, Action<int>? onProgress, int done, CancellationToken cancellation)
    {
        var facts = workspace.Facts;
        var rulesVersion = FactsExtractor.Default.RulesVersion;
        var total = 0;
        while (!cancellation.IsCancellationRequested)
        {
            var stale = facts.Stale(rulesVersion, BatchSize);
            if (stale.Count == 0)
            {
                break;
            }

            var batch = documents.GetWithFormat(stale)
                .Select(pair => (pair.Document, Mentions: mentions.ForDocument(pair.Document.RowId)))
                .Select(item => (item.Document, item.Mentions, Facts: IngestService.ExtractFacts(item.Document, item.Mentions)))
                .ToList();
            foreach (var (document, documentMentions, listingFacts) in batch)
            {
                index.Replace(document, documentMentions, listingFacts);
            }

            index.Commit();
            facts.PutAll(batch.Select(item => (item.Document.RowId, item.Facts)), rulesVersion);
            total += batch.Count;
            onProgress?.Invoke(done + total);
        }

        return total;
    }
}
