using Lantern.Search;
using Lantern.Storage;

namespace Lantern.Cases;

/// <summary>
/// Checks the documents one ingest stored against the case's watches and raises alerts. It reads only
/// the new rows: one pass over their mentions against a hash set of watched selectors, one pass over
/// their handles against a hash set of watched handles and their confirmed aliases, and one index
/// search per watched query held to the new rows. A watch sees only rows stored after it was added. The new rows
/// are those after the row the watches were last checked through (stored with the alerts), so rows an ingest stored
/// and died before checking are checked by the next one.
/// </summary>
internal static class WatchCheck
{
    /// <summary>What the check found: the alerts raised and the queries that could not run.</summary>
    internal sealed record Outcome(IReadOnlyList<long> Alerts, int Watches, IReadOnlyList<string> Problems);

    public static Outcome Run(Workspace workspace, DocumentIndex index, long afterRow, long throughRow, string user)
    {
        var watches = workspace.Watches.Active().ToList();
        if (watches.Count == 0)
        {
            workspace.Watches.MarkChecked(throughRow);
            return new Outcome([], 0, []);
        }

        var startOf = watches.ToDictionary(active => active.Watch.Id, active => Math.Max(active.AfterRow, afterRow));
        var matched = watches.ToDictionary(active => active.Watch.Id, _ => new List<long>());
        var bySelector = Targets(watches, Watch.SelectorKind, target => [target]);
        var confirmed = workspace.Reviews.All().Values.Where(decision => decision.Decision == "confirmed").ToList();
        var byHandle = Targets(watches, Watch.HandleKind, target =>
            confirmed.Where(decision => decision.Members.Contains(target, StringComparer.Ordinal)).SelectMany(decision => decision.Members).Append(target));

        if (bySelector.Count > 0)
        {
            foreach (var mention in workspace.Watches.MentionsAfter(afterRow))
            {
                if (bySelector.TryGetValue($"{mention.Type}:{mention.Value}", out var ids))
                {
                    Match(ids, mention.DocumentRowId);
                }
            }
        }

        var documentIds = new Dictionary<long, string>();
        var wanted = matched.Values.SelectMany(rows => rows).ToHashSet();
        foreach (var document in workspace.Watches.DocumentsAfter(afterRow))
        {
            if (byHandle.Count > 0 && document.Author is { } author && byHandle.TryGetValue($"{document.Site}/{author}", out var ids))
            {
                Match(ids, document.RowId);
                documentIds[document.RowId] = document.Id;
            }
            else if (wanted.Contains(document.RowId))
            {
                documentIds[document.RowId] = document.Id;
            }
        }

        var matches = watches.Select(active => (active.Watch.Id, (IReadOnlyList<string>)matched[active.Watch.Id].Order().Distinct().Select(row => documentIds[row]).ToList())).ToList();
        var queries = watches.Where(active => active.Watch.Kind == Watch.QueryKind).Select(active => (active.Watch.Id, active.Watch.Target, startOf[active.Watch.Id])).ToList();
        var problems = new List<string>();
        foreach (var found in NewDocumentSearch.Run(index, queries, workspace.Case.Region))
        {
            if (found.Problem is { } problem)
            {
                problems.Add($"watch {found.Key}: {problem}");
            }

            var position = matches.FindIndex(match => match.Id == found.Key);
            matches[position] = (found.Key, found.DocumentIds);
        }

        var raised = workspace.Watches.Raise(matches.Where(match => match.Item2.Count > 0).ToList(), throughRow, user, DateTimeOffset.UtcNow);
        return new Outcome(raised, watches.Count, problems);

        void Match(List<long> watchIds, long row)
        {
            foreach (var id in watchIds)
            {
                if (row > startOf[id])
                {
                    matched[id].Add(row);
                }
            }
        }
    }

    /// <summary>The active watches of a kind by each value that triggers them.</summary>
    private static Dictionary<string, List<long>> Targets(List<(Watch Watch, long AfterRow)> watches, string kind, Func<string, IEnumerable<string>> values)
    {
        var targets = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var (watch, _) in watches.Where(active => active.Watch.Kind == kind))
        {
            foreach (var value in values(watch.Target).Distinct(StringComparer.Ordinal))
            {
                if (!targets.TryGetValue(value, out var ids))
                {
                    targets[value] = ids = [];
                }

                ids.Add(watch.Id);
            }
        }

        return targets;
    }
}
