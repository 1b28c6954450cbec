using Lantern.Storage;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Lantern.Search;

/// <summary>
/// Checking the search index against the database, and rebuilding it from the database when it is
/// damaged (the database is the record; the index can always be made again from it). Both are
/// member operations: rights-checked and audited.
/// </summary>
internal static class IndexMaintenance
{
    /// <summary>Whether the index is readable and level with the database.</summary>
    public static IndexCheck Check(Workspace workspace)
    {
        var store = workspace.Documents;
        return Inspect(workspace, store, store.Count());
    }

    /// <summary>Builds the index again from every stored document, holding the write lock; returns how many were indexed.</summary>
    public static long Rebuild(Workspace workspace, string user, Action<long>? onProgress = null)
    {
        using var writeLock = workspace.LockForWriting("index rebuild", user);
        return DocumentIndex.Rebuild(workspace.IndexPath, writeLock, workspace.Documents, workspace.Mentions, onProgress);
    }

    private static IndexCheck Inspect(Workspace workspace, DocumentStore store, long stored)
    {
        const string Rebuild = "rebuild it from the database with 'lantern index rebuild'";
        try
        {
            using var directory = FSDirectory.Open(workspace.IndexPath);
            if (!DirectoryReader.IndexExists(directory))
            {
                return stored == 0
                    ? new IndexCheck(true, 0, 0, 0, null)
                    : new IndexCheck(false, 0, stored, stored, $"there is no index beside {stored:N0} stored documents; {Rebuild}");
            }

            var status = new CheckIndex(directory).DoCheckIndex();
            if (!status.Clean)
            {
                var what = status.MissingSegments ? "the commit point (segments file) is missing or unreadable"
                    : status.CantOpenSegments ? "the segments file cannot be opened"
                    : $"{status.NumBadSegments} of {status.NumSegments} segments are damaged ({status.TotLoseDocCount:N0} documents unreadable)";
                return new IndexCheck(false, 0, stored, stored, $"{what}; {Rebuild}");
            }

            using var reader = DirectoryReader.Open(directory);
            var mark = DocumentIndex.FromUserData(reader.IndexCommit.UserData).LastRowId;
            var pending = store.CountAfter(mark);
            var expected = stored - pending;
            return reader.NumDocs == expected
                ? new IndexCheck(true, reader.NumDocs, stored, pending, null)
                : new IndexCheck(false, reader.NumDocs, stored, pending,
                    $"the index holds {reader.NumDocs:N0} documents where the database holds {expected:N0} up to the index's last commit; {Rebuild}");
        }
        catch (IOException exception)
        {
            return new IndexCheck(false, 0, stored, stored, $"the index cannot be read ({exception.GetType().Name}: {exception.Message.Split('\n')[0]}); {Rebuild}");
        }
    }
}
