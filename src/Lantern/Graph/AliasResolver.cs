using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lantern.Extraction;

namespace Lantern.Graph;

/// <summary>
/// A selector occurrence as alias resolution sees it: which handle's document, of what kind, the words just before and after
/// it, and the other handles its document names anywhere, title included (their loose names).
/// </summary>
internal sealed record HandleMention(string Handle, string DocumentId, string Kind, string Type, string Value, string Before, string After = "", IReadOnlyCollection<string>? Named = null);

/// <summary>A handle's writing: its documents' texts (with their IDs where known), for signatures and style, and whether any of them is a listing (it sells).</summary>
internal sealed record HandleText(string Handle, IReadOnlyList<string> Texts, bool Lists = false, IReadOnlyList<string>? DocumentIds = null);

/// <summary>
/// Decides which handles are one actor. A selector links handles only where each advertises it as
/// its own: mentions in listings and profiles, or in posts whose words before the selector are not
/// about someone else ("message him", "got mine from …" are quotes). A selector owned by many
/// handles is a hub — a market's support address, a forum's donation wallet — and links nothing.
/// Handles that post different PGP keys are never merged, and a shared name then flags a possible
/// impostor. Similar names, shared signature lines and similar writing only suggest, with a lower score.
/// </summary>
public static partial class AliasResolver
{
    public const int DefaultHubThreshold = 5;

    /// <summary>A name or closing line shared by more handles than this is too common to suggest anything.</summary>
    private const int MaxBlock = 20;

    private static readonly HashSet<string> StrongTypes = new(StringComparer.Ordinal)
    {
        SelectorTypes.Pgp, SelectorTypes.Btc, SelectorTypes.Eth, SelectorTypes.Xmr, SelectorTypes.Email, SelectorTypes.Phone,
        SelectorTypes.Session, SelectorTypes.Telegram, SelectorTypes.Wickr, SelectorTypes.Threema, SelectorTypes.Signal, SelectorTypes.Icq,
    };

    internal static IReadOnlyList<AliasCluster> Resolve(IReadOnlyList<HandleMention> mentions, IReadOnlyList<HandleText> texts, int hubThreshold = DefaultHubThreshold) =>
        ResolveWithRelays(mentions, texts, hubThreshold).Clusters;

    /// <summary>The clusters and suggestions, and the relays found on the way (whose documents own nothing and bridge no one).</summary>
    internal static (IReadOnlyList<AliasCluster> Clusters, IReadOnlyList<AliasRelay> Relays) ResolveWithRelays(
        IReadOnlyList<HandleMention> mentions, IReadOnlyList<HandleText> texts, int hubThreshold = DefaultHubThreshold) =>
        Run(mentions, texts, hubThreshold, compared: null);

    /// <summary>Every pair of handles weighed for a suggestion, with its features, shown or not: what the score's weights are fitted on.</summary>
    internal static IReadOnlyList<SuggestionCandidate> SuggestionCandidates(IReadOnlyList<HandleMention> mentions, IReadOnlyList<HandleText> texts, int hubThreshold = DefaultHubThreshold)
    {
        var compared = new List<SuggestionCandidate>();
        Run(mentions, texts, hubThreshold, compared);
        return compared;
    }

    private static (IReadOnlyList<AliasCluster> Clusters, IReadOnlyList<AliasRelay> Relays) Run(
        IReadOnlyList<HandleMention> mentions, IReadOnlyList<HandleText> texts, int hubThreshold, List<SuggestionCandidate>? compared)
    {
        var names = new KnownNames(mentions.Select(mention => mention.Handle).Concat(texts.Select(text => text.Handle)).Distinct(StringComparer.Ordinal));
        var (relays, posters, ownIncludingRelays, allOwners) = Relays(mentions, names, hubThreshold);
        var allKeys = KeysOf(ownIncludingRelays);
        var own = relays.Count == 0 ? ownIncludingRelays : ownIncludingRelays.Where(mention => !relays.ContainsKey(mention.Handle)).ToList();
        var owners = relays.Count == 0 ? allOwners : WithoutRelays(allOwners, relays);
        var keysOf = relays.Count == 0 ? allKeys : allKeys.Where(pair => !relays.ContainsKey(pair.Key)).ToDictionary(StringComparer.Ordinal);

        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string handle)
        {
            parent.TryAdd(handle, handle);
            while (parent[handle] != handle)
            {
                parent[handle] = parent[parent[handle]];
                handle = parent[handle];
            }

            return handle;
        }

        var keysOfRoot = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> Keys(string root) => keysOfRoot.TryGetValue(root, out var keys) ? keys : keysOfRoot[root] = new HashSet<string>(keysOf.GetValueOrDefault(root) ?? []);
        var evidence = new List<(string A, string B, AliasEvidence Evidence)>();
        var links = owners.Where(pair => pair.Value.Count >= 2 && pair.Value.Count < hubThreshold)
            .OrderBy(pair => pair.Key.Type == SelectorTypes.Pgp ? 0 : 1).ThenBy(pair => pair.Key.Type).ThenBy(pair => pair.Key.Value, StringComparer.Ordinal);
        foreach (var ((type, value), handles) in links)
        {
            var members = handles.Keys.Order(StringComparer.Ordinal).ToList();
            for (var index = 1; index < members.Count; index++)
            {
                var (a, b) = (Find(members[0]), Find(members[index]));
                var docs = handles[members[0]].Concat(handles[members[index]]).Distinct().ToList();
                if (a == b)
                {
                    evidence.Add((members[0], members[index], new AliasEvidence($"shared-own-{type}", type, value, docs)));
                    continue;
                }

                var (keysA, keysB) = (Keys(a), Keys(b));
                if (keysA.Count > 0 && keysB.Count > 0 && !keysA.Overlaps(keysB))
                {
                    continue;
                }

                parent[b] = a;
                keysA.UnionWith(keysB);
                evidence.Add((members[0], members[index], new AliasEvidence($"shared-own-{type}", type, value, docs)));
            }
        }

        var clusters = new List<AliasCluster>();
        var evidenceByRoot = evidence.GroupBy(item => Find(item.A)).ToDictionary(group => group.Key, group => group.ToList());
        var handlesSeen = own.Select(mention => mention.Handle).Concat(texts.Select(text => text.Handle)).Distinct().ToList();
        foreach (var group in handlesSeen.Where(parent.ContainsKey).GroupBy(Find).Where(group => group.Count() >= 2))
        {
            var members = group.Order(StringComparer.Ordinal).ToList();
            var items = evidenceByRoot.GetValueOrDefault(group.Key, []).Select(item => item.Evidence)
                .GroupBy(item => (item.Rule, item.Value)).Select(items => items.First() with { Docs = items.SelectMany(item => item.Docs).Distinct().ToList() }).ToList();
            var hasKey = items.Any(item => item.Type == SelectorTypes.Pgp);
            clusters.Add(new AliasCluster(ClusterId(members), hasKey ? 0.98 : Math.Min(0.95, 0.8 + 0.05 * items.Count), members, items, "suggested", Strong: true));
        }

        var clusterByRoot = clusters.ToDictionary(cluster => Find(cluster.Members[0]), StringComparer.Ordinal);
        var relayed = DescribeRelays(relays, posters, Find, clusterByRoot, hubThreshold);
        // A relay's documents are evidence about each actor it carries: shown on that actor's cluster, never counted towards its score.
        foreach (var (relay, identity) in relayed.SelectMany(relay => relay.Carries.Where(identity => identity.ClusterId is not null).Select(identity => (relay, identity))))
        {
            var root = Find(identity.Members[0]);
            var cluster = clusterByRoot[root];
            clusterByRoot[root] = cluster with
            {
                Evidence = [.. cluster.Evidence, new AliasEvidence("carried-by-relay", "relay", relay.Account, identity.Evidence.SelectMany(item => item.Docs).Distinct().ToList())],
            };
        }

        clusters = [.. clusterByRoot.Values];
        // Sellers list something or advertise a contact of their own; buyers and reviewers do neither.
        var sellers = owners.Where(pair => pair.Value.Count < hubThreshold).SelectMany(pair => pair.Value.Keys)
            .Concat(texts.Where(text => text.Lists).Select(text => text.Handle)).ToHashSet(StringComparer.Ordinal);
        clusters.AddRange(WeakSuggestions(Writing(texts, mentions, ownIncludingRelays, relays), Find, handle => Keys(Find(handle)), sellers, names, hubThreshold, compared));
        return (clusters.OrderByDescending(cluster => cluster.Strong).ThenByDescending(cluster => cluster.Score).ThenBy(cluster => cluster.Id, StringComparer.Ordinal).ToList(), relayed);
    }

    /// <summary>
    /// What each handle wrote itself, for weak evidence: not a relay's, and not a post that gives only someone else's
    /// contacts (a review quoting a vendor, an advert pasted with "anyone tried?": its wording and closing line are the vendor's).
    /// </summary>
    private static List<HandleText> Writing(IReadOnlyList<HandleText> texts, IReadOnlyList<HandleMention> mentions, List<HandleMention> own, Dictionary<string, string> relays)
    {
        var ownDocuments = own.Select(mention => mention.DocumentId).ToHashSet(StringComparer.Ordinal);
        var quoting = mentions.Where(mention => StrongTypes.Contains(mention.Type) && mention.Kind is not ("listing" or "profile") && !ownDocuments.Contains(mention.DocumentId))
            .Select(mention => mention.DocumentId).ToHashSet(StringComparer.Ordinal);
        return texts.Where(text => !relays.ContainsKey(text.Handle))
            .Select(text => text.DocumentIds is not { } ids || !ids.Any(quoting.Contains) ? text
                : text with { Texts = text.Texts.Where((_, index) => !quoting.Contains(ids[index])).ToList(), DocumentIds = ids.Where(id => !quoting.Contains(id)).ToList() })
            .ToList();
    }

    /// <summary>Per selector, the handles that advertise it as their own, each with its documents in order of first mention.</summary>
    private static Dictionary<(string Type, string Value), Dictionary<string, List<string>>> Owners(List<HandleMention> own)
    {
        var owners = new Dictionary<(string Type, string Value), Dictionary<string, List<string>>>();
        var seen = new HashSet<(string Type, string Value, string Handle, string DocumentId)>();
        foreach (var mention in own)
        {
            if (!seen.Add((mention.Type, mention.Value, mention.Handle, mention.DocumentId)))
            {
                continue;
            }

            var handles = owners.TryGetValue((mention.Type, mention.Value), out var known) ? known : owners[(mention.Type, mention.Value)] = new(StringComparer.Ordinal);
            (handles.TryGetValue(mention.Handle, out var docs) ? docs : handles[mention.Handle] = []).Add(mention.DocumentId);
        }

        return owners;
    }

    /// <summary>The owners with the relays' mentions taken out: only selectors a relay posted are copied.</summary>
    private static Dictionary<(string Type, string Value), Dictionary<string, List<string>>> WithoutRelays(
        Dictionary<(string Type, string Value), Dictionary<string, List<string>>> owners, Dictionary<string, string> relays)
    {
        var without = new Dictionary<(string Type, string Value), Dictionary<string, List<string>>>(owners.Count);
        foreach (var (selector, handles) in owners)
        {
            if (!handles.Keys.Any(relays.ContainsKey))
            {
                without[selector] = handles;
            }
            else if (handles.Keys.Any(handle => !relays.ContainsKey(handle)))
            {
                without[selector] = handles.Where(pair => !relays.ContainsKey(pair.Key)).ToDictionary(StringComparer.Ordinal);
            }
        }

        return without;
    }

    /// <summary>The PGP keys each handle advertises as its own; handles without one are absent.</summary>
    private static Dictionary<string, HashSet<string>> KeysOf(List<HandleMention> own)
    {
        var keysOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var mention in own.Where(mention => mention.Type == SelectorTypes.Pgp))
        {
            (keysOf.TryGetValue(mention.Handle, out var keys) ? keys : keysOf[mention.Handle] = new(StringComparer.Ordinal)).Add(mention.Value);
        }

        return keysOf;
    }

    /// <summary>A handle's name without digits at the end, case, separators, leetspeak and suffixes such as _official or NL.</summary>
    public static string NameKey(string handle)
    {
        var name = Name(handle).ToLowerInvariant().TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '_', '-', '.', ' ');
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            builder.Append(c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '$' => 's', '@' => 'a', _ => c });
        }

        var key = new string(builder.ToString().Where(char.IsLetter).ToArray());
        foreach (var suffix in new[] { "official", "real", "shop", "store", "team", "nl", "uk", "de", "eu", "us" })
        {
            if (key.Length > suffix.Length + 3 && key.EndsWith(suffix, StringComparison.Ordinal))
            {
                key = key[..^suffix.Length];
            }
        }

        foreach (var prefix in new[] { "the", "real", "official" })
        {
            if (key.Length > prefix.Length + 3 && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                key = key[prefix.Length..];
            }
        }

        // Capital I and small l look alike in most fonts, and impostors swap them (PiIlPusher).
        return key.Replace('l', 'i');
    }

    private static string Site(string handle) => handle[..handle.IndexOf('/', StringComparison.Ordinal)];

    private static string Author(string handle) => handle[(handle.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>The name a handle goes by: its author, an e-mail author without its domain (<c>sibir.shop@onionmail.org</c> is <c>sibir.shop</c>).</summary>
    private static string Name(string handle)
    {
        var author = Author(handle);
        var at = author.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? author[..at] : author;
    }

    private static string ClusterId(IEnumerable<string> members) =>
        "A-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', members))))[..10];
}
