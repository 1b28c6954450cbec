using Lantern.Cases;
using Lantern.Demo;
using Lantern.Graph;
using Lantern.Tests.Support;
using Xunit.Abstractions;

namespace Lantern.Tests.Graph;

public sealed class AliasTests(ITestOutputHelper output)
{
    /// <summary>The suggestion weights were fitted on seeds 1–30 (<c>bench calibrate</c>): the default seed is not among them, seed 7 is.</summary>
    [Theory]
    [InlineData("Bei SpeedySwiss bestellt, Kontakt über ", "", false)]
    [InlineData("Брал у Speedy_Swiss, контакт ", " — всё пришло", false)]
    [InlineData("anyone know if ", " is legit?", false)]
    [InlineData("try this one, ", "", false)]
    [InlineData("New batch in. Wickr: ", " (fast replies)", true)]
    [InlineData("Speedy_Swiss2 here, wickr ", "", true)]
    [InlineData("Got this from him:\n", "", false)]
    [InlineData("My own key, as always:\n\n", "", true)]
    public void AQuoteIsToldByAVendorsNameInItsClauseInAnyLanguageOrByAQuestionAfterIt(string before, string after, bool own)
    {
        var names = new KnownNames(["market/SpeedySwiss", "forum/Speedy_Swiss2", "forum/john"]);

        Assert.Equal(own, AliasResolver.IsOwn(new HandleMention("forum/Speedy_Swiss2", "d1", "post", "wickr", "speedyswiss", before, after), names));
    }

    [Fact]
    public void AnAdvertPastedIntoAPostIsItsAdvertisersWhereverTheSelectorSitsAndItsWordingIsNotThePosters()
    {
        const string advert = "Amnesia Haze 4 g, grown in Holland, shipped in a plain envelope with tracking on request.\nWickr: dragonfly\nkind regards, your dragon";
        var mentions = new[]
        {
            new HandleMention("m1/GreenDragon", "l1", "listing", "wickr", "dragonfly", "Wickr: "),
            new HandleMention("m2/Green_Dragon", "l2", "listing", "wickr", "dragonfly", "Wickr: "),
            // A buyer pastes the advert under a title naming the vendor; the selector's own line has no cue at all.
            new HandleMention("f/BerlinRaver", "p1", "post", "wickr", "dragonfly", "\nWickr: ", "", ["greendragon"]),
        };
        var texts = new[]
        {
            new HandleText("m1/GreenDragon", [advert], Lists: true, ["l1"]),
            new HandleText("m2/Green_Dragon", [advert], Lists: true, ["l2"]),
            new HandleText("f/BerlinRaver", ["Saw this advert, anyone tried?\n\n" + advert], DocumentIds: ["p1"]),
        };

        var (clusters, _) = AliasResolver.ResolveWithRelays(mentions, texts);

        Assert.Equal("m1/GreenDragon m2/Green_Dragon", string.Join(" ", Assert.Single(clusters).Members));
    }

    [Fact]
    public void AVendorRenamedOnAnotherMarketIsSuggestedByItsClosingLineWithItsNameMaskedEvenWithoutContacts()
    {
        static string Advert(string name, int grams, int price) =>
            $"Top quality crystal {grams}g, vacuum sealed twice and shipped in stealth packaging from Poland every weekday. Price {price} EUR, escrow only.\n— {name} team, trusted since 2019";
        var texts = new[]
        {
            new HandleText("m1/IceKingdom", [Advert("IceKingdom", 5, 120), Advert("IceKingdom", 10, 220)], Lists: true),
            new HandleText("m2/FrostEmpire", [Advert("FrostEmpire", 7, 150), Advert("FrostEmpire", 28, 600)], Lists: true),
            // Buyers with one common name on two forums: nothing but the name.
            new HandleText("f1/mike", ["got my order, thanks"]),
            new HandleText("f2/mike", ["anyone tried the new batch?"]),
        };

        var (clusters, _) = AliasResolver.ResolveWithRelays([], texts);

        var suggestion = Assert.Single(clusters);
        Assert.Equal(["m1/IceKingdom", "m2/FrostEmpire"], suggestion.Members);
        Assert.False(suggestion.Strong);
        Assert.Contains(suggestion.Evidence, evidence => evidence.Rule == "same-signature" && evidence.Value == "— IceKingdom team, trusted since 2019 | — FrostEmpire team, trusted since 2019");
        Assert.Contains(suggestion.Evidence, evidence => evidence.Rule == "near-duplicate-text");
    }

    [Fact]
    public void ASecondAccountOnTheSameMarketUnderANearIdenticalNameIsSuggestedWhenBothSell()
    {
        var texts = new[]
        {
            new HandleText("market/TheCollective", ["Cali kush 28g, fast shipping within EU.", "Amnesia haze 5g"], Lists: true),
            new HandleText("market/The_Collective", ["Mango kush back in stock", "White widow 10g"], Lists: true),
            // A forum account of the same name that sells nothing is worth a look too, but less.
            new HandleText("forum/collective", ["has anyone ordered from them lately?"]),
        };

        var (clusters, _) = AliasResolver.ResolveWithRelays([], texts);

        Assert.All(clusters, cluster => Assert.True(!cluster.Strong && cluster.Score >= AliasResolver.SuggestionFloor));
        var first = clusters[0];
        Assert.Equal(["market/TheCollective", "market/The_Collective"], first.Members);
        Assert.Contains(first.Evidence, evidence => evidence.Rule == "similar-name");
        Assert.All(clusters.Skip(1), cluster => Assert.True(cluster.Score < first.Score));
    }

    [Theory]
    [InlineData(DemoCorpus.DefaultSeed)]
    [InlineData(7)]
    public void AliasResolutionOnTheDemoMeetsTheTargetsWithoutHubQuoteRelayOrImpostorPairs(int seed)
    {
        using var workspace = new TestWorkspace();
        var truth = workspace.IngestDemo(seed);

        var session = workspace.Session();
        var clusters = session.Aliases();
        var relays = session.Relays();
        var score = AliasScore.Compute(truth, clusters, relays);

        output.WriteLine($"strong: precision {score.Strong.Precision:0.000} recall {score.Strong.Recall:0.000} ({score.Strong.TruePositives}/{score.Strong.FalsePositives}/{score.Strong.FalseNegatives})");
        output.WriteLine($"weak:   precision {score.Weak.Precision:0.000} recall {score.Weak.Recall:0.000} ({score.Weak.TruePositives}/{score.Weak.FalsePositives}/{score.Weak.FalseNegatives})");
        foreach (var pair in score.FalsePairs.Concat(score.MissedPairs))
        {
            output.WriteLine(pair);
        }

        Assert.True(score.Strong.Precision >= 0.97, $"strong precision {score.Strong.Precision:0.000}");
        Assert.True(score.Strong.Recall >= 0.95, $"strong recall {score.Strong.Recall:0.000}");
        Assert.Equal(0, score.ImpostorPairs);
        var hubs = truth.Hubs.Select(hub => hub.Value).ToHashSet();
        Assert.DoesNotContain(clusters.SelectMany(cluster => cluster.Evidence), evidence => hubs.Contains(evidence.Value));
        var impostor = Assert.Single(truth.Impostors).Handle;
        Assert.Contains(clusters, cluster => cluster.Status == "conflict" && cluster.Members.Contains(impostor)
            && cluster.Evidence.Any(evidence => evidence.Rule == "possible-impostor"));
        Assert.All(clusters, cluster => Assert.Contains(cluster.Status, new[] { "suggested", "conflict" }));

        Assert.NotEmpty(truth.Relays);
        Assert.Equal(0, score.RelayBridgedPairs);
        Assert.Equal(truth.Relays.Count, score.RelaysFound);
        var relayHandles = truth.Relays.Select(relay => relay.Handle).ToHashSet();
        Assert.DoesNotContain(clusters, cluster => cluster.Members.Any(relayHandles.Contains));
        foreach (var relay in truth.Relays)
        {
            var found = Assert.Single(relays, candidate => candidate.Account == relay.Handle);
            var carried = found.Carries.SelectMany(identity => identity.Members).ToHashSet();
            Assert.All(relay.Carries, actor => Assert.True(truth.Actors.Single(candidate => candidate.Id == actor).StrongHandles.Any(carried.Contains), $"{relay.Handle} does not show it carries {actor}"));
        }

        Assert.True(score.Weak.Recall >= 0.5, $"weak recall {score.Weak.Recall:0.000}");
        Assert.Equal(score.Impostors, score.ImpostorsFlagged);
        Assert.InRange(score.Suggestions, 1, 10);
    }

    [Fact]
    public void ARelayPostingTwoVendorsKeysOwnsNeitherAndBridgesNoOne()
    {
        HandleMention Own(string handle, string doc, string type, string value) => new(handle, doc, "listing", type, value, "");
        var mentions = new[]
        {
            Own("m/alpha", "d1", "pgp", "KEYA"), Own("m/alpha", "d1", "btc", "walletA"), Own("f/alpha_fan", "d2", "btc", "walletA"), Own("f/alpha_fan", "d2", "pgp", "KEYA"),
            Own("m/beta", "d3", "pgp", "KEYB"), Own("m/beta", "d3", "telegram", "beta_tg"), Own("t/beta", "d4", "telegram", "beta_tg"),
            new HandleMention("t/plug", "d5", "message", "pgp", "KEYA", "PGP: "), new HandleMention("t/plug", "d5", "message", "btc", "walletA", "BTC: "),
            new HandleMention("t/plug", "d6", "message", "pgp", "KEYB", "PGP: "), new HandleMention("t/plug", "d6", "message", "telegram", "beta_tg", "TG: @"),
            // One vendor with four handles that all advertise the same wallet and key is not a relay.
            Own("a/gamma", "d7", "btc", "walletG"), Own("b/gamma", "d8", "btc", "walletG"), Own("c/gamma", "d9", "btc", "walletG"), Own("d/gamma", "d10", "pgp", "KEYG"), Own("d/gamma", "d10", "btc", "walletG"),
        };

        var (clusters, relays) = AliasResolver.ResolveWithRelays(mentions, []);

        var relay = Assert.Single(relays);
        Assert.Equal("t/plug", relay.Account);
        Assert.Equal([["f/alpha_fan", "m/alpha"], ["m/beta", "t/beta"]], relay.Carries.Select(identity => identity.Members.ToArray()).ToArray());
        Assert.Equal(["d5"], relay.Carries[0].Evidence.SelectMany(evidence => evidence.Docs).Distinct());
        var strong = clusters.Where(cluster => cluster.Strong).Select(cluster => string.Join(" ", cluster.Members)).Order().ToList();
        Assert.Equal(["a/gamma b/gamma c/gamma d/gamma", "f/alpha_fan m/alpha", "m/beta t/beta"], strong);
        Assert.Contains(clusters, cluster => cluster.Members.Contains("m/alpha") && cluster.Evidence.Any(evidence => evidence.Rule == "carried-by-relay" && evidence.Value == "t/plug"));
    }

    [Fact]
    public void AVendorsMainHandleSharingOneSelectorWithEachOtherHandleIsNoRelay()
    {
        HandleMention Own(string handle, string doc, string type, string value) => new(handle, doc, "listing", type, value, "");
        var mentions = new[]
        {
            Own("t/delta", "d1", "btc", "walletD"), Own("t/delta", "d1", "email", "delta@example.org"), Own("t/delta", "d1", "pgp", "KEYD"),
            Own("a/delta", "d2", "btc", "walletD"), Own("b/delta", "d3", "email", "delta@example.org"), Own("c/delta", "d4", "pgp", "KEYD"),
        };

        var (clusters, relays) = AliasResolver.ResolveWithRelays(mentions, []);

        Assert.Empty(relays);
        Assert.Equal("a/delta b/delta c/delta t/delta", string.Join(" ", Assert.Single(clusters, cluster => cluster.Strong).Members));
    }

    [Theory]
    [InlineData("m/NovaLabs", "m/Nova_Labs", 1.0)]
    [InlineData("m/nova.labs", "n/NovaLabs", 1.0)]
    [InlineData("m/NovaLabs2", "m/NovaLabs", 8.0 / 9)]
    [InlineData("m/abcd", "m/abce", 0.75)]
    [InlineData("m/kraken", "m/lotus", 0.0)]
    public void NameSimilarityIsOneMinusTheEditDistanceOfTheLooseNamesOverTheLongerOne(string a, string b, double expected)
    {
        Assert.Equal(expected, AliasResolver.NameSimilarity(a, b), 6);
    }

    [Fact]
    public void ShinglesMaskNumbersSelectorsAndTheHandlesOwnName()
    {
        Assert.Equal(["price", "#", "for", "#", "dm", "§", "from", "@", "labs"],
            TextShingles.MaskedWords("Price: €120.50 for 5g, DM kraken@proton.me — from NovaLabs labs", name => name.SequenceEqual("novalabs")).Where(word => word != "—"));
        // FNV-1a 64 of "a", as its authors publish it.
        Assert.Equal(0xaf63dc4c8601ec8cUL, TextShingles.Fnv1a("a"));
        Assert.Equal(TextShingles.Of(["Ships from NL for €20, 5g"]), TextShingles.Of(["ships FROM nl for €35, 10g"]));
        Assert.Equal(2, TextShingles.Of(["one two three four"]).Count);
    }

    [Fact]
    public void MinHashEstimatesTheJaccardSimilarityOfTwoSets()
    {
        var first = Enumerable.Range(1, 300).Select(value => (ulong)value).ToList();
        var second = Enumerable.Range(151, 300).Select(value => (ulong)value).ToList();
        var disjoint = Enumerable.Range(10_000, 300).Select(value => (ulong)value).ToList();

        Assert.Equal(1.0, MinHash.Similarity(MinHash.Signature(first), MinHash.Signature(first)));
        // |A ∩ B| / |A ∪ B| = 150 / 450 = 1/3; 64 positions estimate it within about ±0.06 (one standard error).
        Assert.InRange(MinHash.Similarity(MinHash.Signature(first), MinHash.Signature(second)), 1.0 / 3 - 0.15, 1.0 / 3 + 0.15);
        Assert.InRange(MinHash.Similarity(MinHash.Signature(first), MinHash.Signature(disjoint)), 0, 0.1);
        Assert.Equal(0.0, MinHash.Similarity(MinHash.Signature([]), MinHash.Signature([])));
    }

    [Theory]
    [InlineData("listing", "Contact: ", true)]
    [InlineData("post", "Faster if you message him directly: telegram ", false)]
    [InlineData("message", "got mine from ", false)]
    [InlineData("message", "who is legit here? ", false)]
    [InlineData("post", "Restock done. Contact me at ", true)]
    [InlineData("message", "fresh stock. DM ", true)]
    public void AMentionIsTheAuthorsOwnUnlessTheWordsBeforeItPointAtSomeoneElse(string kind, string before, bool own)
    {
        Assert.Equal(own, AliasResolver.IsOwn(new HandleMention("site/a", "d1", kind, "telegram", "x", before)));
    }

    [Theory]
    [InlineData("m/TheCandyman", "f/candyman_official")]
    [InlineData("m/PiIlPusher", "n/PillPusher")]
    [InlineData("m/Green_Dragon", "t/GreenDragon NL")]
    [InlineData("m/Fr0stByte", "n/frostbyte")]
    public void NameKeysIgnoreCaseSeparatorsLeetspeakAndSuffixes(string a, string b)
    {
        Assert.Equal(AliasResolver.NameKey(a), AliasResolver.NameKey(b));
    }
}
