using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Extraction;

/// <summary>
/// Extracts again the documents whose mentions came from an older extractor version (or from none),
/// replacing their mentions in SQLite and their selectors in the index, batch by batch.
/// </summary>
public sealed class Reextraction(Workspace workspace, DocumentIndex index)
{
    private const int BatchSize = 500;

    /// <summary>
    /// Extracts again, as a member's audited operation: the documents of an older extractor, or every
    /// document when <paramref name="all"/> (after the case's phone region changed). Returns how many.
    /// </summary>
    public static int ForCase(Cases.CaseSession session, bool all, Action<int>? onProgress = null)
    {
        var role = session.Authorize(Cases.Permission.Ingest, "reextract", new { all });
        var workspace = session.Workspace;
        using var writeLock = workspace.LockForWriting("reextract", session.User);
        if (all)
        {
            using var reset = workspace.Connection.CreateCommand();
            reset.CommandText = "UPDATE documents SET extractor_version = 0";
            reset.ExecuteNonQuery();
        }

        using var index = DocumentIndex.OpenWriter(workspace.IndexPath, writeLock);
        index.CatchUp(new DocumentStore(workspace.Connection), new MentionStore(workspace.Connection));
        var count = new Reextraction(workspace, index).Run(onProgress);
        session.Record(role, "reextract", new { all, extractor_version = SelectorExtractor.Version }, count);
        return count;
    }

    /// <summary>Returns how many documents were extracted again.</summary>
    public int Run(Action<int>? onProgress = null)
    {
        var documents = new DocumentStore(workspace.Connection);
        var mentions = new MentionStore(workspace.Connection);
        var total = 0;
        while (true)
        {
            var stale = mentions.Stale(BatchSize);
            if (stale.Count == 0)
            {
                break;
            }

            var batch = documents.GetWithFormat(stale)
                .Select(pair => (pair.Document, Result: SelectorExtractor.Extract(pair.Document.Text, new ExtractionContext(workspace.Case.Region, pair.Format == "telegram"))))
                .ToList();
            // The index first: if the run dies between the two commits, SQLite still marks these
            // documents stale and the next run redoes them, which gives the same result.
            foreach (var (document, result) in batch)
            {
                index.Replace(document, result.Mentions);
            }

            index.Commit();
            using (var transaction = workspace.Connection.BeginTransaction())
            {
                var selectorIds = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (document, result) in batch)
                {
                    mentions.Replace(transaction, document.RowId, result, selectorIds);
                }

                transaction.Commit();
            }

            total += batch.Count;
            onProgress?.Invoke(total);
        }

        return total;
    }
}
