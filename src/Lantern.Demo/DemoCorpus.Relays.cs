using System.Globalization;
using System.Text.Json;

namespace Lantern.Demo;

/// <summary>
/// The hard cases of alias resolution: relays that repost several vendors' adverts with their keys,
/// wallets and contacts (a Telegram channel and a reposting forum account), a vendor who reappears on
/// another market under a new name with fresh contacts but the same signature line and habits, and two
/// accounts of one vendor on one market whose names differ only in separators, case or digits. Every
/// name and line here is generated from the seed, so the checks cannot lean on fixed strings.
/// </summary>
public sealed partial class DemoCorpus
{
    private static readonly string[] BrandFirst = ["velvet", "atlas", "nova", "kraken", "lotus", "echo", "cobalt", "orbit", "saffron", "granite", "hollow", "amber"];
    private static readonly string[] BrandSecond = ["labs", "supply", "collective", "works", "garden", "express", "harbour", "union", "depot", "guild", "circle", "trading"];
    private static readonly string[] RelayFirst = ["daily", "plug", "market", "fresh", "vendor", "drop"];
    private static readonly string[] RelaySecond = ["digest", "board", "radar", "watch", "feed", "roundup"];
    private static readonly string[] SignatureDecorations = ["~", "**", "//", "::", "##", "++"];
    private static readonly string[] SignatureWords = ["trusted", "since", "day", "one", "always", "stealth", "honest", "weights", "no", "excuses", "clean", "product", "quick", "ships", "loyal", "customers"];
    private static readonly string[] TicOpenings = ["honest weights only", "tracked and double bagged", "restocks every friday", "reship on any loss", "no dramas, just gear", "slow and steady wins"];
    private static readonly string[] TicClosings = ["my friends.", "as promised!!", "every single time.", "no questions asked.", "you know the drill.", "ciao ciao."];

    private readonly List<(string Handle, string Kind, List<Actor> Carries)> relays = [];

    private sealed partial class Actor
    {
        /// <summary>The actor this one really is, for a renamed vendor or a second account on the same site; null for everyone else.</summary>
        public Actor? AliasOf { get; set; }

        /// <summary>"renamed" or "name-variant" when <see cref="AliasOf"/> is set.</summary>
        public string? AliasKind { get; set; }
    }

    private void CreateHardCases()
    {
        var known = actors.Where(actor => !actor.IsImpostor).ToList();

        // A vendor of the market that was taken down reappears on the other under a new brand.
        var movers = known.Where(actor => actor.HandleOn(MarketB) is not null && actor.HandleOn(MarketA) is null).ToList();
        var original = movers.Count > 0 ? movers[random.Next(movers.Count)] : known[random.Next(known.Count)];
        var brand = Brand();
        var renamed = HardCaseActor("R01", brand, original.Region, original.Signature, original.Tic, $"{MarketA}/{brand}");
        renamed.AliasOf = original;
        renamed.AliasKind = "renamed";
        original.WeakHandles.Add(renamed.Handles[0]);

        // A new vendor with two accounts on one market: "NovaLabs" and "Nova_Labs", "nova.labs", "novalabs" or "NovaLabs2".
        var (first, second) = (BrandFirst[random.Next(BrandFirst.Length)], BrandSecond[random.Next(BrandSecond.Length)]);
        var name = Capitalize(first) + Capitalize(second);
        var variantName = random.Next(4) switch
        {
            0 => Capitalize(first) + "_" + Capitalize(second),
            1 => first + "." + second,
            2 => first + second,
            _ => name + random.Next(2, 9).ToString(CultureInfo.InvariantCulture),
        };
        var primary = HardCaseActor("A12", name, new[] { "NL", "DE", "BE", "FR", "GB" }[random.Next(5)], GeneratedSignature(), GeneratedTic(), $"{MarketA}/{name}");
        var variant = HardCaseActor("V01", variantName, primary.Region, primary.Signature, primary.Tic, $"{MarketA}/{variantName}");
        variant.AliasOf = primary;
        variant.AliasKind = "name-variant";
        primary.WeakHandles.Add(variant.Handles[0]);

        // Relays repost the adverts of several vendors, keys and wallets included; they own none of them.
        var advertised = known.OrderBy(_ => random.Next()).ToList();
        var channel = $"{Capitalize(RelayFirst[random.Next(RelayFirst.Length)])} {Capitalize(RelaySecond[random.Next(RelaySecond.Length)])} 📣";
        relays.Add(($"{channel}/{channel}", "channel", advertised.Take(4).ToList()));
        var account = $"{RelayFirst[random.Next(RelayFirst.Length)]}_{RelaySecond[random.Next(RelaySecond.Length)]}{random.Next(10, 99)}";
        relays.Add(($"{Forum}/{account}", "reposting account", advertised.Skip(2).Take(3).ToList()));
    }

    private string Brand() => Capitalize(BrandFirst[random.Next(BrandFirst.Length)]) + Capitalize(BrandSecond[random.Next(BrandSecond.Length)]);

    private string GeneratedSignature()
    {
        var decoration = SignatureDecorations[random.Next(SignatureDecorations.Length)];
        var words = Enumerable.Range(0, 4).Select(_ => SignatureWords[random.Next(SignatureWords.Length)]);
        return $"{decoration} {string.Join(' ', words)} {decoration}";
    }

    private string GeneratedTic() => $"{TicOpenings[random.Next(TicOpenings.Length)]}, {TicClosings[random.Next(TicClosings.Length)]}";

    /// <summary>An actor with contacts, wallets and a key of its own (fresh, shared with no one) and the given writing habits.</summary>
    private Actor HardCaseActor(string id, string name, string region, string signature, string tic, string handle)
    {
        var actor = new Actor(id, name, [handle])
        {
            Region = region,
            Pgp = forge.PgpKey($"{name} <{name.ToLowerInvariant()}@{MailDomains[random.Next(MailDomains.Length)]}>"),
            Btc = random.Next(2) == 0 ? forge.BitcoinSegwit() : forge.BitcoinLegacy(),
            Email = $"{Slug(name)}{random.Next(10, 99)}@{MailDomains[random.Next(MailDomains.Length)]}",
            Telegram = Slug(name) + "_" + random.Next(10, 99).ToString(CultureInfo.InvariantCulture),
            Phone = forge.Phone(region),
            Session = forge.SessionId(),
            Signature = signature,
            Tic = tic,
        };
        actors.Add(actor);
        return actor;
    }

    /// <summary>One repost of a vendor's advert: its name, a product, its habits, then its key, wallet and contact, one per line, and its signature.</summary>
    private void Advert(DocText text, Actor vendor)
    {
        var product = Products[random.Next(Products.Length)];
        text.Add($"{product.Emoji} {vendor.Name} restocked {product.Name}. {vendor.Tic}\nPGP: ");
        text.Selector("pgp", vendor.Pgp.Fingerprint, Grouped(vendor.Pgp.Fingerprint));
        text.Add("\nBTC: ");
        text.Selector("btc", NormalizeBtc(vendor.Btc), vendor.Btc);
        text.Add("\nTG: @");
        text.Selector("telegram", vendor.Telegram, vendor.Telegram);
        if (random.Next(2) == 0)
        {
            text.Add("\nSession: ");
            text.Selector("session", vendor.Session, vendor.Session);
        }

        text.Add($"\n{vendor.Signature}");
    }

    private IEnumerable<(Dictionary<string, object?> Record, TruthDocument Truth)> RelayForumPosts()
    {
        var until = YearStart.AddDays(364);
        foreach (var (handle, _, carries) in relays.Where(relay => relay.Handle.StartsWith(Forum + "/", StringComparison.Ordinal)))
        {
            var author = handle.Split('/', 2)[1];
            for (var post = 0; post < carries.Count * 2; post++)
            {
                var text = new DocText();
                text.Add("Repost for those without market access.\n");
                Advert(text, carries[post % carries.Count]);
                // Every third post is a round-up of two vendors in one document.
                if (post % 3 == 2)
                {
                    text.Add("\n\n");
                    Advert(text, carries[(post + 1) % carries.Count]);
                }

                yield return Record(Forum, author, "post", $"Vendor round-up {post + 1}", text, RandomDate(YearStart, until), thread: $"t-{Slug(author)}");
            }
        }
    }

    /// <summary>A Telegram channel export: every post is the channel's, and each reposts one vendor's advert.</summary>
    private string WriteRelayChannel(string path)
    {
        var (handle, _, carries) = relays.First(relay => relay.Kind == "channel");
        var name = handle.Split('/', 2)[1];
        var messages = new List<object>();
        for (var index = 0; index < carries.Count * 4; index++)
        {
            var posted = RandomDate(YearStart, YearStart.AddDays(364));
            var text = new DocText();
            Advert(text, carries[index % carries.Count]);
            var id = 500 + index;
            messages.Add(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["type"] = "message",
                ["date"] = posted.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                ["date_unixtime"] = posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["from"] = name,
                ["from_id"] = "channel1880042" + random.Next(100, 999).ToString(CultureInfo.InvariantCulture),
                ["text"] = text.TelegramEntities(),
            });
            truthDocuments.Add(text.Truth(name, id.ToString(CultureInfo.InvariantCulture), name, "message"));
        }

        var export = new Dictionary<string, object?> { ["name"] = name, ["type"] = "public_channel", ["id"] = 1_880_042_001, ["messages"] = messages };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(export, IndentedJson));
        return path;
    }

    private List<TruthRelay> TruthRelays() =>
        relays.Select(relay => new TruthRelay(relay.Handle, relay.Kind, relay.Carries.Select(actor => actor.Id).ToList())).ToList();

    private List<TruthRename> TruthRenames() =>
        actors.Where(actor => actor.AliasKind == "renamed")
            .Select(actor => new TruthRename(actor.AliasOf!.Id, actor.Handles[0], actor.AliasOf.Handles.Where(handle => !actor.AliasOf.WeakHandles.Contains(handle)).ToList())).ToList();

    private List<TruthNameVariant> TruthNameVariants() =>
        actors.Where(actor => actor.AliasKind == "name-variant")
            .Select(actor => new TruthNameVariant(actor.AliasOf!.Id, actor.Handles[0], actor.AliasOf.Handles[0])).ToList();
}
