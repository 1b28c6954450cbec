using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>
/// A server's one long-lived reader of the case's index, shared by every request's searches and
/// reopened only when a writer (an ingest in another process) has committed. A search that finds
/// stored documents the index does not reach yet has them indexed in the background, when no
/// process is writing: the server never takes the write lock from a writer.
/// </summary>
public sealed class SharedIndex(Workspace workspace, TimeSpan refreshInterval) : IDisposable
{
    private int catchingUp;

    internal IndexReaders Readers { get; } = new(workspace.IndexPath, refreshInterval);

    internal void CatchUpInBackground()
    {
        if (Interlocked.CompareExchange(ref catchingUp, 1, 0) != 0)
        {
            return;
        }

        Task.Run(() =>
        {
            try
            {
                using var attached = workspace.Attach();
                SearchService.CatchUpIfWriterIdle(attached, "lantern serve");
            }
            finally
            {
                Volatile.Write(ref catchingUp, 0);
            }
        });
    }

    public void Dispose() => Readers.Dispose();
}
