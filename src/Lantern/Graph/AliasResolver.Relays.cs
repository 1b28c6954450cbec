namespace Lantern.Graph;

/// <summary>
/// Relays: handles that post other actors' keys, wallets and contacts as if their own — a Telegram
/// "plug" channel, a reposting forum account, an aggregator. Taken as owners they would join every
/// vendor they carry into one cluster, so they are found first, from the shape of what they share:
/// the handles a relay shares selectors with fall into several groups that share nothing with each
/// other except through the relay. Such a handle is a relay when two of those groups hold different
/// PGP keys that the handle posts both of, or when it carries bundles of two or more selectors of three or more
/// such groups (a vendor's main handle that shares one selector with each of its other handles is no relay).
/// </summary>
public static partial class AliasResolver
{
    /// <summary>Relays found in one round can split the groups another relay bridged; a few rounds settle it.</summary>
    private const int RelayRounds = 4;

    private const int RelayMinIdentities = 3;

    /// <summary>A selector posted by this many times the hub threshold of handles is everyone's, reposts or not.</summary>
    private const int PostersPerHub = 4;

    /// <summary>The handles that are relays, without resolving anything else (what the evidence graph needs to mark them).</summary>
    internal static HashSet<string> RelayHandles(IReadOnlyList<HandleMention> mentions, IEnumerable<string> handles, int hubThreshold = DefaultHubThreshold) =>
        Relays(mentions, new KnownNames(handles), hubThreshold).Relays.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The relays, with who posts each selector as if it were theirs (no cue word says it is someone else's: what a relay does)
    /// and the mentions that are their handles' own. A relay that names each vendor it reposts owns none of it, but is
    /// still found from what it posts; a selector is a hub by how many handles own it, so reposts do not make a vendor's
    /// key a hub.
    /// </summary>
    private static (Dictionary<string, string> Relays, Dictionary<(string Type, string Value), Dictionary<string, List<string>>> Posters, List<HandleMention> Own,
        Dictionary<(string Type, string Value), Dictionary<string, List<string>>> Owners) Relays(IReadOnlyList<HandleMention> mentions, KnownNames names, int hubThreshold)
    {
        var posted = mentions.Where(mention => StrongTypes.Contains(mention.Type) && IsOwn(mention)).ToList();
        var own = OwnMentions(posted, names);
        var posters = Owners(posted);
        // What is owned is a part of what is posted: the same when no post names a vendor.
        var owners = own.Count == posted.Count ? posters : Owners(own);
        // Who lists something, or says in so many words that a contact is theirs, speaks for itself: only the others can be carriers.
        var listers = posted.Where(mention => mention.Kind is "listing" or "profile" || ClaimsOwn(mention)).Select(mention => mention.Handle).ToHashSet(StringComparer.Ordinal);
        return (FindRelays(posters, KeysOf(posted), hubThreshold, owners, listers), posters, own, owners);
    }

    /// <summary>The relays among the handles, each with why it is one.</summary>
    private static Dictionary<string, string> FindRelays(Dictionary<(string Type, string Value), Dictionary<string, List<string>>> owners, Dictionary<string, HashSet<string>> keysOf,
        int hubThreshold, Dictionary<(string Type, string Value), Dictionary<string, List<string>>> owned, HashSet<string> listers)
    {
        var selectorsOf = owners.Where(pair => pair.Value.Count >= 2 && pair.Value.Count < PostersPerHub * hubThreshold && (owned.TryGetValue(pair.Key, out var holders) ? holders.Count : 0) < hubThreshold)
            .SelectMany(pair => pair.Value.Keys.Select(handle => (Handle: handle, Selector: pair.Key)))
            .GroupBy(item => item.Handle, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(item => item.Selector).ToList(), StringComparer.Ordinal);
        var relays = new Dictionary<string, string>(StringComparer.Ordinal);
        // Only a handle that can meet a rule is weighed: two groups with different keys need two keys of its own, and
        // three bundles need six shared selectors (a selector shared with two groups would join them into one).
        var toWeigh = selectorsOf.Where(pair => pair.Value.Count >= 2 * RelayMinIdentities || keysOf.GetValueOrDefault(pair.Key)?.Count >= 2 || !listers.Contains(pair.Key))
            .Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        for (var round = 0; round < RelayRounds && toWeigh.Count > 0; round++)
        {
            var found = new List<(string Handle, string Reason)>();
            foreach (var handle in toWeigh.Order(StringComparer.Ordinal))
            {
                var selectors = selectorsOf[handle];
                var identities = Identities(handle, selectors, owners, selectorsOf, relays);
                if (RelayReason(handle, identities, keysOf, Bundles(handle, selectors, owners, identities), listers.Contains(handle)) is { } reason)
                {
                    found.Add((handle, reason));
                }
            }

            foreach (var (handle, reason) in found)
            {
                relays[handle] = reason;
            }

            // A handle's groups change only when one of the handles it shares a selector with became a relay.
            toWeigh = found.SelectMany(relay => selectorsOf[relay.Handle].SelectMany(selector => owners[selector].Keys))
                .Where(handle => toWeigh.Contains(handle) && !relays.ContainsKey(handle)).ToHashSet(StringComparer.Ordinal);
        }

        return relays;
    }

    /// <summary>
    /// The handles that share a selector with <paramref name="handle"/>, grouped by whether they share
    /// one with each other directly (not through the handle, and not through a known relay).
    /// </summary>
    private static List<List<string>> Identities(string handle, List<(string Type, string Value)> selectors,
        Dictionary<(string Type, string Value), Dictionary<string, List<string>>> owners, Dictionary<string, List<(string Type, string Value)>> selectorsOf, Dictionary<string, string> relays)
    {
        var coOwners = selectors.SelectMany(selector => owners[selector].Keys).Where(other => other != handle && !relays.ContainsKey(other)).ToHashSet(StringComparer.Ordinal);
        var parent = coOwners.ToDictionary(other => other, other => other, StringComparer.Ordinal);
        string Find(string node)
        {
            while (parent[node] != node)
            {
                parent[node] = parent[parent[node]];
                node = parent[node];
            }

            return node;
        }

        foreach (var other in coOwners)
        {
            foreach (var selector in selectorsOf[other])
            {
                foreach (var third in owners[selector].Keys.Where(coOwners.Contains))
                {
                    parent[Find(third)] = Find(other);
                }
            }
        }

        return coOwners.GroupBy(Find, StringComparer.Ordinal).Select(group => group.Order(StringComparer.Ordinal).ToList()).ToList();
    }

    /// <summary>
    /// How many of the groups share two or more selectors with the handle: a reposted advert carries a bundle (wallet,
    /// key, contacts), while one vendor's main handle shares a single selector with each of its other handles as often.
    /// </summary>
    private static int Bundles(string handle, List<(string Type, string Value)> selectors,
        Dictionary<(string Type, string Value), Dictionary<string, List<string>>> owners, List<List<string>> identities) =>
        identities.Count(identity => selectors.Count(selector => owners[selector].Keys.Any(other => other != handle && identity.Contains(other))) >= 2);

    private static string? RelayReason(string handle, List<List<string>> identities, Dictionary<string, HashSet<string>> keysOf, int bundles, bool lists)
    {
        // A handle that only posts (a chat account, a channel, a reviewer), never claims a contact as its own, and carries two
        // actors that share nothing is passing them on.
        if (!lists && identities.Count >= 2)
        {
            return $"posts the selectors of {identities.Count} groups of handles that share nothing with each other, and lists nothing of its own";
        }

        var ownKeys = keysOf.GetValueOrDefault(handle) ?? [];
        var keyed = identities.Select(identity => identity.SelectMany(member => keysOf.GetValueOrDefault(member) ?? []).ToHashSet(StringComparer.Ordinal))
            .Where(keys => keys.Overlaps(ownKeys)).ToList();
        var conflicting = keyed.Where(keys => keyed.Any(other => !ReferenceEquals(other, keys) && !other.Overlaps(keys))).Count();
        if (conflicting >= 2)
        {
            return $"posts the PGP keys of {conflicting} actors whose other handles share nothing";
        }

        return bundles >= RelayMinIdentities
            ? $"carries the selectors of {bundles} groups of handles that share nothing with each other, two or more of each"
            : null;
    }

    /// <summary>What each relay carries, as the resolution ended: per identity, the reposted selectors and the relay's documents.</summary>
    private static List<AliasRelay> DescribeRelays(Dictionary<string, string> relays,
        Dictionary<(string Type, string Value), Dictionary<string, List<string>>> owners, Func<string, string> find, Dictionary<string, AliasCluster> clusterByRoot, int hubThreshold)
    {
        var described = new List<AliasRelay>();
        if (relays.Count == 0)
        {
            return described;
        }

        // One pass over the selectors, not one per relay.
        var reposted = owners.Where(pair => pair.Value.Count < hubThreshold)
            .SelectMany(pair => pair.Value.Keys.Where(relays.ContainsKey).Select(relay => (Relay: relay, Selector: pair.Key, Owners: pair.Value)))
            .ToLookup(item => item.Relay, StringComparer.Ordinal);
        foreach (var (relay, reason) in relays.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var carried = reposted[relay]
                .Select(item => (item.Selector, Docs: item.Owners[relay], Owner: item.Owners.Keys.Where(other => !relays.ContainsKey(other)).Order(StringComparer.Ordinal).FirstOrDefault()))
                .Where(item => item.Owner is not null)
                .GroupBy(item => find(item.Owner!), StringComparer.Ordinal);
            var identities = carried.Select(group =>
            {
                var cluster = clusterByRoot.GetValueOrDefault(group.Key);
                var members = cluster?.Members ?? group.Select(item => item.Owner!).Distinct().Order(StringComparer.Ordinal).ToList();
                var evidence = group.OrderBy(item => item.Selector.Type, StringComparer.Ordinal).ThenBy(item => item.Selector.Value, StringComparer.Ordinal)
                    .Select(item => new AliasEvidence($"relayed-{item.Selector.Type}", item.Selector.Type, item.Selector.Value, item.Docs)).ToList();
                return new RelayedIdentity(cluster?.Id, members, evidence);
            }).OrderBy(identity => identity.Members[0], StringComparer.Ordinal).ToList();
            described.Add(new AliasRelay(relay, "relay", reason, identities));
        }

        return described;
    }
}
