using System.Globalization;
using Lantern.Extraction.Types;
using Lantern.Search;

namespace Lantern.Cases;

/// <summary>Watchlists and the alerts they raise when new material arrives (see <see cref="WatchCheck"/>).</summary>
public sealed partial class CaseSession
{
    /// <summary>
    /// Adds a watch: <c>selector:TYPE:VALUE</c> (the value normalized and validated as its type),
    /// <c>handle:SITE/AUTHOR</c> (with its confirmed aliases) or <c>query:TEXT</c> (read by the search
    /// parser now, so a bad query fails here). Watching a selector or a handle, or a query that names
    /// selectors, is a look-up: a case that requires justifications for look-ups requires one here. The
    /// session's justification is kept as the watch's reason. Only documents stored from now on can raise alerts.
    /// </summary>
    public Watch AddWatch(string spec)
    {
        var trimmed = spec.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? trimmed[..colon].Trim().ToLowerInvariant() : string.Empty;
        var value = colon > 0 ? trimmed[(colon + 1)..].Trim() : string.Empty;
        switch (kind)
        {
            case Watch.SelectorKind:
                return Perform(Permission.LookupSelector, "watch.add", new { watch = trimmed }, () => StoreWatch(kind, NormalizedSelector(value)), _ => 1, lookup: true,
                    recordedParameters: watch => new { watch = trimmed, id = watch.Id, target = watch.Target });
            case Watch.HandleKind:
                return Perform(Permission.AnalyseLinks, "watch.add", new { watch = trimmed }, () => StoreWatch(kind, Handle.Parse(value).ToString()), _ => 1, lookup: true,
                    recordedParameters: watch => new { watch = trimmed, id = watch.Id, target = watch.Target });
            case Watch.QueryKind:
                ParsedQuery parsed;
                using (var search = OpenSearch())
                {
                    try
                    {
                        parsed = search.Parse(new SearchRequest(value));
                    }
                    catch (SearchQueryException failure)
                    {
                        var failed = new { watch = trimmed, error = failure.Message };
                        Record(Authorize(Permission.Search, "watch.add", failed), "watch.add", failed, null, "failed");
                        throw;
                    }
                }

                return Perform(parsed.UsesSelectors ? Permission.LookupSelector : Permission.Search, "watch.add", new { watch = trimmed }, () => StoreWatch(kind, value), _ => 1,
                    lookup: parsed.UsesSelectors, recordedParameters: watch => new { watch = trimmed, id = watch.Id });
            default:
                return Perform<Watch>(Permission.Search, "watch.add", new { watch = trimmed },
                    () => throw new BadInputException($"'{spec}' is not a watch: write selector:TYPE:VALUE, handle:SITE/AUTHOR or query:TEXT"), _ => null);
        }
    }

    /// <summary>The case's active watches, oldest first.</summary>
    public IReadOnlyList<Watch> Watches() =>
        Perform(Permission.Search, "watch.list", new { }, () => Workspace.Watches.Active().Select(active => active.Watch).ToList(), watches => watches.Count);

    /// <summary>Ends a watch; the alerts it raised stay.</summary>
    public Watch RemoveWatch(long id) =>
        Perform(Permission.Search, "watch.remove", new { id }, () =>
        {
            var watch = Workspace.Watches.Active().Select(active => active.Watch).FirstOrDefault(active => active.Id == id)
                ?? throw new NotFoundException($"no active watch {id} in this case; 'lantern watch list' lists them");
            Workspace.Watches.Remove(id, User, DateTimeOffset.UtcNow);
            return watch;
        }, _ => 1, recordedParameters: watch => new { id, watch = watch.Spec });

    /// <summary>
    /// The alerts this member has not acknowledged (or all with <paramref name="all"/>), newest first, raised
    /// since a time when given; each names its watch and every matching document.
    /// </summary>
    public AlertList Alerts(DateTimeOffset? since = null, bool all = false) =>
        Perform(Permission.Search, "alerts", new { since, all }, () => new AlertList(Workspace.Watches.Alerts(User, all, since), Workspace.Watches.Unread(User)),
            list => list.Alerts.Count);

    /// <summary>Acknowledges alerts for this member (every unread one when <paramref name="ids"/> is null); returns the ids acknowledged now.</summary>
    public IReadOnlyList<long> AcknowledgeAlerts(IReadOnlyList<long>? ids) =>
        Perform(Permission.Search, "alerts.ack", new { ids, all = ids is null }, () =>
        {
            if (ids is not null && ids.Except(Workspace.Watches.Existing(ids)).ToList() is [_, ..] unknown)
            {
                throw new NotFoundException($"no alert {string.Join(", ", unknown.Select(id => id.ToString(CultureInfo.InvariantCulture)))} in this case; 'lantern alerts --all' lists them");
            }

            return Workspace.Watches.Acknowledge(ids, User, DateTimeOffset.UtcNow);
        }, acknowledged => acknowledged.Count, recordedParameters: acknowledged => new { ids, all = ids is null, acknowledged });

    /// <summary>How many alerts this member has not acknowledged (the web header's count); refused to non-members, not audited when allowed.</summary>
    public int UnreadAlerts()
    {
        Authorize(Permission.Search, "alerts.count", new { });
        return Workspace.Watches.Unread(User);
    }

    private Watch StoreWatch(string kind, string target) =>
        Workspace.Watches.Add(kind, target, Justification, User, DateTimeOffset.UtcNow, Workspace.Documents.MaxRowId())
            ?? throw new ConflictException($"{kind}:{target} is already watched (watch {Workspace.Watches.Find(kind, target)?.Id}); 'lantern watch list' lists the watches");

    /// <summary>A selector written TYPE:VALUE, normalized as its type stores it; a value that cannot be of the type is bad input.</summary>
    private string NormalizedSelector(string written)
    {
        var colon = written.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == written.Length - 1)
        {
            throw new BadInputException($"'{written}' is not a selector: write TYPE:VALUE, e.g. btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
        }

        var type = SelectorTypeRegistry.Get(SelectorTypes.Parse(written[..colon]));
        var value = type.Normalize(written[(colon + 1)..], Workspace.Case.Region);
        return type.Problem(value) is { } problem
            ? throw new BadInputException($"'{written[(colon + 1)..].Trim()}' is not a {type.Label}: {problem}")
            : $"{type.Name}:{value}";
    }
}
