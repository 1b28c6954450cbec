using Lantern.Search;
using Lantern.Storage;
using Lucene.Net.Index;

namespace Lantern.Cases;

public sealed record RetentionResult(int RetentionDays, DateTimeOffset Cutoff, IReadOnlyList<ExpiredDocument> Removed, bool DryRun);

/// <summary>
/// Removes documents ingested longer ago than the case's retention period from SQLite (with their
/// mentions), from the Lucene index, and from the files themselves: SQLite's secure_delete zeroes
/// freed pages, the WAL is checkpointed and truncated and the database vacuumed; the index is
/// merged so no segment keeps the removed documents' terms. What was removed is logged by id and
/// SHA-256 only.
/// </summary>
public sealed class Retention(CaseSession session)
{
    public RetentionResult Apply(bool dryRun, DateTimeOffset? now = null)
    {
        var workspace = session.Workspace;
        if (workspace.Case.RetentionDays is not { } days)
        {
            throw new BadInputException($"case {workspace.Case.Id} has no retention period (set at lantern init with --retention-days)");
        }

        var cutoff = (now ?? DateTimeOffset.UtcNow).AddDays(-days);
        return session.Perform(Permission.ApplyRetention, dryRun ? "retention.dry-run" : "retention.apply", new { retention_days = days }, () =>
        {
            var expired = workspace.Retention.IngestedBefore(cutoff);
            if (!dryRun && expired.Count > 0)
            {
                using var writeLock = workspace.LockForWriting("retention", session.User);
                RemoveFromIndex(workspace, writeLock, expired);
                workspace.Retention.Remove(expired, session.User);
            }

            return new RetentionResult(days, cutoff, expired, dryRun);
        }, result => result.Removed.Count, recordedParameters: result => new { retention_days = days, cutoff, documents = result.Removed.Select(document => document.Id) });
    }

    private static void RemoveFromIndex(Workspace workspace, WriteLock writeLock, IReadOnlyList<ExpiredDocument> expired)
    {
        using var index = DocumentIndex.OpenWriter(workspace.IndexPath, writeLock);
        index.CatchUp(workspace.Documents, workspace.Mentions);
        index.DeleteAndPurge(expired.Select(document => new Term(IndexFields.Id, document.Id)));
    }
}
