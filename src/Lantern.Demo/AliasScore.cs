using Lantern.Graph;

namespace Lantern.Demo;

/// <summary>Pairwise precision and recall of alias pairs against a ground truth.</summary>
public sealed record PairScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

/// <summary>Judged pairs whose cluster scored in [From, To): their mean score and the share of them that are right.</summary>
public sealed record ReliabilityBin(double From, double To, int Pairs, double Predicted, double Observed);

/// <summary>
/// Scores alias clusters: strong clusters against the pairs of each actor's strong handles, weak
/// suggestions against the pairs joining an actor's weak handles to its others. A predicted pair is
/// judged when at least one of its handles is labelled in the truth (two unlabelled handles, such
/// as two buyers, are outside what the truth says); pairs with an impostor or a relay are always
/// wrong. A suggestion that joins a handle to one member of a strong cluster joins it to the whole
/// cluster, as a reviewer reads it. <see cref="RelayBridgedPairs"/> counts pairs of two different
/// actors in a cluster that holds a relay (the relay bridged them); <see cref="Suggestions"/> the
/// standing suggestions a supervisor is asked to review; <see cref="ImpostorsFlagged"/> the
/// impostors that stand in a conflict.
/// </summary>
public sealed record AliasScore(PairScore Strong, PairScore Weak, int ImpostorPairs, IReadOnlyList<string> FalsePairs, IReadOnlyList<string> MissedPairs)
{
    public int RelayBridgedPairs { get; init; }

    public int Suggestions { get; init; }

    public int ImpostorsFlagged { get; init; }

    public int Impostors { get; init; }

    /// <summary>The truth's relays that were found as relays.</summary>
    public int RelaysFound { get; init; }

    public int Relays { get; init; }

    /// <summary>Predicted against observed: every judged pair of every cluster (strong, suggested or flagged), binned by the cluster's score.</summary>
    public IReadOnlyList<ReliabilityBin> Reliability { get; init; } = [];

    private static readonly double[] BinEdges = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0000001];

    public static AliasScore Compute(GroundTruth truth, IReadOnlyList<AliasCluster> clusters, IReadOnlyList<AliasRelay>? relays = null)
    {
        var actorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var actor in truth.Actors)
        {
            foreach (var handle in actor.StrongHandles.Concat(actor.WeakHandles))
            {
                actorOf[handle] = actor.Id;
            }
        }

        foreach (var impostor in truth.Impostors)
        {
            actorOf[impostor.Handle] = "impostor:" + impostor.Handle;
        }

        foreach (var relay in truth.Relays)
        {
            actorOf[relay.Handle] = "relay:" + relay.Handle;
        }

        var strongTruth = truth.Actors.SelectMany(actor => Pairs(actor.StrongHandles)).ToHashSet();
        var weakTruth = truth.Actors.SelectMany(actor => actor.WeakHandles.SelectMany(weak => actor.StrongHandles.Select(other => Pair(weak, other)))).ToHashSet();
        var falsePairs = new List<string>();
        var missed = new List<string>();

        PairScore Score(IEnumerable<AliasCluster> predicted, HashSet<(string, string)> expected)
        {
            var pairs = predicted.SelectMany(cluster => Pairs(cluster.Members)).ToHashSet();
            var judged = pairs.Where(pair => actorOf.ContainsKey(pair.Item1) || actorOf.ContainsKey(pair.Item2)).ToList();
            var tp = judged.Count(expected.Contains);
            var wrong = judged.Where(pair => !expected.Contains(pair) && !SameActor(pair)).ToList();
            falsePairs.AddRange(wrong.Select(pair => $"{pair.Item1} ~ {pair.Item2}"));
            var notFound = expected.Where(pair => !pairs.Contains(pair)).ToList();
            missed.AddRange(notFound.Select(pair => $"{pair.Item1} ~ {pair.Item2}"));
            return new PairScore(tp, wrong.Count, notFound.Count);
        }

        // The same actor found at the other level of evidence is neither right nor wrong here.
        bool SameActor((string, string) pair) =>
            actorOf.TryGetValue(pair.Item1, out var a) && actorOf.TryGetValue(pair.Item2, out var b) && a == b && !a.StartsWith("impostor:", StringComparison.Ordinal);

        var standing = clusters.Where(cluster => cluster.Status is "suggested" or "confirmed").ToList();
        var strongClusters = standing.Where(cluster => cluster.Strong).ToList();
        var strongClusterOf = strongClusters.SelectMany(cluster => cluster.Members.Select(member => (member, cluster))).ToDictionary(item => item.member, item => item.cluster, StringComparer.Ordinal);
        var strong = Score(strongClusters, strongTruth);
        var suggestions = standing.Where(cluster => !cluster.Strong).ToList();
        var weak = Score(suggestions.Select(suggestion => suggestion with { Members = Widen(suggestion.Members, strongClusterOf) }), weakTruth);
        var impostorPairs = standing
            .SelectMany(cluster => Pairs(cluster.Members))
            .Count(pair => truth.Impostors.Any(impostor => pair.Item1 == impostor.Handle || pair.Item2 == impostor.Handle));
        var relayHandles = truth.Relays.Select(relay => relay.Handle).ToHashSet(StringComparer.Ordinal);
        var bridged = standing.Where(cluster => cluster.Members.Any(relayHandles.Contains))
            .SelectMany(cluster => Pairs(cluster.Members.Where(member => !relayHandles.Contains(member)).ToList()))
            .Count(pair => actorOf.TryGetValue(pair.Item1, out var a) && actorOf.TryGetValue(pair.Item2, out var b) && a != b);
        var flagged = truth.Impostors.Count(impostor => clusters.Any(cluster => cluster.Status == "conflict" && cluster.Members.Contains(impostor.Handle)));
        var relaysFound = truth.Relays.Count(relay => relays?.Any(found => found.Account == relay.Handle) == true);
        var judged = clusters.SelectMany(cluster => Pairs(cluster.Members).Select(pair => (cluster.Score, Pair: pair)))
            .Where(item => actorOf.ContainsKey(item.Pair.Item1) || actorOf.ContainsKey(item.Pair.Item2))
            .Select(item => (item.Score, Right: SameActor(item.Pair))).ToList();
        var reliability = BinEdges.Zip(BinEdges.Skip(1))
            .Select(edges => (edges, items: judged.Where(item => item.Score >= edges.First && item.Score < edges.Second).ToList()))
            .Where(bin => bin.items.Count > 0)
            .Select(bin => new ReliabilityBin(bin.edges.First, Math.Min(1, bin.edges.Second), bin.items.Count, bin.items.Average(item => item.Score), bin.items.Count(item => item.Right) / (double)bin.items.Count))
            .ToList();
        return new AliasScore(strong, weak, impostorPairs, falsePairs, missed)
        {
            Reliability = reliability,
            RelaysFound = relaysFound,
            Relays = truth.Relays.Count,
            RelayBridgedPairs = bridged,
            Suggestions = suggestions.Count,
            ImpostorsFlagged = flagged,
            Impostors = truth.Impostors.Count,
        };
    }

    /// <summary>A suggestion's handles with every member of the strong clusters they belong to.</summary>
    private static List<string> Widen(IReadOnlyList<string> members, Dictionary<string, AliasCluster> strongClusterOf) =>
        members.SelectMany(member => strongClusterOf.TryGetValue(member, out var cluster) ? cluster.Members : [member]).Distinct().Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<(string, string)> Pairs(IReadOnlyList<string> handles)
    {
        for (var i = 0; i < handles.Count; i++)
        {
            for (var j = i + 1; j < handles.Count; j++)
            {
                yield return Pair(handles[i], handles[j]);
            }
        }
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}
