using Lantern.Storage;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace Lantern.Search;

/// <summary>The search index cannot be read (files missing or unreadable); the message says how to rebuild it.</summary>
internal sealed class IndexDamagedException(string message, Exception inner) : BadInputException(message, inner)
{
    public static IndexDamagedException For(string indexPath, Exception cause) =>
        new($"the search index in {indexPath} cannot be read ({cause.GetType().Name}: {cause.Message.Split('\n')[0]}); " +
            "the database is intact: check the index with 'lantern index check' and rebuild it from the database with 'lantern index rebuild'", cause);
}

/// <summary>A searcher over one commit of the index and how far that commit reaches; dispose it to let the reader go.</summary>
internal sealed class IndexLease : IDisposable
{
    private readonly SearcherManager? manager;

    internal IndexLease(SearcherManager? manager, IndexSearcher? searcher, long lastRowId)
    {
        this.manager = manager;
        Searcher = searcher;
        LastRowId = lastRowId;
    }

    /// <summary>Null while the workspace has no index yet.</summary>
    public IndexSearcher? Searcher { get; }

    /// <summary>The last document row the searched commit covers: rows beyond it are stored but not yet searchable.</summary>
    public long LastRowId { get; }

    public void Dispose()
    {
        if (manager is not null && Searcher is not null)
        {
            manager.Release(Searcher);
        }
    }
}

/// <summary>
/// One long-lived reader over a workspace's index, shared by every search of a process. It is
/// reopened only when a writer has committed since (Lucene's <see cref="SearcherManager"/>, which
/// reuses the unchanged segments), looked at no more often than <c>refreshInterval</c>; a rebuilt
/// index (a new build name in the commit) is opened afresh. Searches in flight keep their reader
/// until they release it. Readers never write: the index is the write-lock holder's.
/// </summary>
internal sealed class IndexReaders(string indexPath, TimeSpan refreshInterval) : IDisposable
{
    private readonly FSDirectory directory = FSDirectory.Open(indexPath);
    private readonly System.Threading.Lock swap = new();
    private SearcherManager? manager;
    private string? build;
    private long nextRefresh;

    public string IndexPath { get; } = indexPath;

    /// <summary>A searcher over the latest commit (refreshed when due); throws <see cref="IndexDamagedException"/> when the index cannot be read.</summary>
    public IndexLease Acquire()
    {
        try
        {
            return DocumentIndex.WhileCommitting(() =>
            {
                RefreshWhenDue();
                lock (swap)
                {
                    if (manager is null)
                    {
                        return new IndexLease(null, null, 0);
                    }

                    var searcher = manager.Acquire();
                    var commit = ((DirectoryReader)searcher.IndexReader).IndexCommit;
                    return new IndexLease(manager, searcher, DocumentIndex.FromUserData(commit.UserData).LastRowId);
                }
            });
        }
        catch (IOException exception)
        {
            throw IndexDamagedException.For(IndexPath, exception);
        }
    }

    private void RefreshWhenDue()
    {
        var now = Environment.TickCount64;
        var due = Interlocked.Read(ref nextRefresh);
        if (manager is not null && now < due)
        {
            return;
        }

        if (manager is not null && Interlocked.CompareExchange(ref nextRefresh, now + (long)refreshInterval.TotalMilliseconds, due) != due)
        {
            return;
        }

        var (_, latestBuild) = DocumentIndex.ReadCommitMark(directory);
        if (manager is not null && latestBuild == build)
        {
            manager.MaybeRefresh();
            return;
        }

        lock (swap)
        {
            if (manager is not null && latestBuild == build)
            {
                return;
            }

            if (!DirectoryReader.IndexExists(directory))
            {
                return;
            }

            var opened = new SearcherManager(directory, null);
            var previous = manager;
            manager = opened;
            build = latestBuild;
            nextRefresh = now + (long)refreshInterval.TotalMilliseconds;
            previous?.Dispose();
        }
    }

    public void Dispose()
    {
        lock (swap)
        {
            manager?.Dispose();
            manager = null;
        }

        directory.Dispose();
    }
}
