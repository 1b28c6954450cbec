using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lantern.Extraction.Checksums;

namespace Lantern.Demo;

/// <summary>
/// What the generator wrote: the collected material (<see cref="Files"/>, all under <c>collected/</c>), a marketplace
/// dump as CSV, a table of call records between phone numbers (source,target,weight,time) and the ground truth.
/// </summary>
public sealed record DemoManifest(string Folder, IReadOnlyList<string> Files, int Documents, string GroundTruthPath, string MarketDump, string CallRecords);

/// <summary>
/// Generates a synthetic but realistic investigation, the same on every run for a seed: two
/// marketplaces and a forum (JSON Lines), a Telegram group (Telegram Desktop export) and a
/// counterfeit-pharmacy website (HTML), and the trade material of <c>DemoCorpus.Listings.cs</c> (a third
/// market in seven languages, counterfeit presses, two more pharmacies). Vendors keep aliases across sites with their own
/// contacts, wallets and PGP keys; buyers' reviews quote vendors' contacts; each market prints its
/// support e-mail and escrow address in every listing; the forum's donation address sits in many
/// signatures; an impostor copies a famous vendor's name with another key; some e-mails and onions
/// are obfuscated and some addresses are checksum-invalid look-alikes. The ground truth
/// (<c>ground-truth.json</c>) records all of it, with what each listing sells.
/// </summary>
public sealed partial class DemoCorpus
{
    public const int DefaultSeed = 20261126;
    public const string GroundTruthFile = "ground-truth.json";

    private const string MarketA = "nightmarket";
    private const string MarketB = "ironbridge";
    private const string Forum = "dreadhall";
    private const string TelegramGroup = "NL Plug Market 🔌";
    private const string Pharmacy = "rx-pharma-direct.com";

    private static readonly DateTimeOffset YearStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Takedown = new(2025, 6, 15, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions IndentedJson = new(JsonOptions) { WriteIndented = true };

    private static readonly (string Name, string Emoji, string Unit)[] Products =
    [
        ("cocaine", "❄️", "g"), ("coke 90% pure", "❄️", "g"), ("MDMA crystal", "💎", "g"), ("molly pills 200mg", "⚡", "pcs"),
        ("ketamine", "🐴", "g"), ("LSD blotters 150ug", "🍭", "tabs"), ("Xanax bars 2mg", "🍫", "pcs"), ("oxycodone M30", "🅿️", "pcs"),
        ("amnesia haze", "🍁", "g"), ("hash 🍫 moroccan", "🍀", "g"), ("crystal meth", "🧊", "g"), ("heroin no4", "🐉", "g"),
        ("magic mushrooms", "🍄", "g"), ("speed paste", "🚀", "g"),
    ];

    private static readonly string[] Countries = ["Netherlands", "Germany", "Belgium", "Spain", "United Kingdom", "France", "Poland"];

    private static readonly string[] MailDomains = ["protonmail.com", "proton.me", "tutanota.com", "onionmail.org", "cock.li", "keemail.me"];

    private readonly SelectorForge forge;
    private readonly Random random;
    private readonly List<TruthDocument> truthDocuments = [];
    private readonly List<Actor> actors = [];
    private readonly List<string> buyers = [];
    private readonly Dictionary<string, int> sourceIds = new(StringComparer.Ordinal);
    private readonly int seed;

    private DemoCorpus(int seed)
    {
        this.seed = seed;
        forge = new SelectorForge(seed);
        random = forge.Random;
    }

    public static DemoManifest Generate(string folder, int seed = DefaultSeed) => new DemoCorpus(seed).Write(folder);

    private DemoManifest Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var collected = Path.Combine(folder, "collected");
        CreateActors();
        var hubs = new Hubs(
            MarketASupport: "support.nightmarket@onionmail.org",
            MarketAEscrow: forge.BitcoinScript(),
            MarketBSupport: "helpdesk@ironbridge.cc",
            MarketBEscrow: forge.BitcoinSegwit(),
            ForumDonation: forge.BitcoinSegwit(),
            MarketAOnion: forge.Onion(),
            MarketBOnion: forge.Onion(),
            ForumOnion: forge.Onion());

        var files = new List<string>
        {
            WriteJsonLines(Path.Combine(collected, "markets", "nightmarket-listings.jsonl"), Market(MarketA, hubs.MarketASupport, hubs.MarketAEscrow, YearStart, YearStart.AddDays(364))),
            WriteJsonLines(Path.Combine(collected, "markets", "ironbridge-listings.jsonl"), Market(MarketB, hubs.MarketBSupport, hubs.MarketBEscrow, YearStart, Takedown)),
            WriteJsonLines(Path.Combine(collected, "forum", "dreadhall-posts.jsonl"), ForumPosts(hubs).Concat(RelayForumPosts())),
            WriteTelegram(Path.Combine(collected, "telegram", "result.json")),
            WriteRelayChannel(Path.Combine(collected, "telegram", "channel", "result.json")),
        };
        files.AddRange(WritePharmacy(Path.Combine(collected, "web", Pharmacy)));
        // The trade material draws on a stream of its own, so adding it left everything above as it was.
        var tradeForge = new SelectorForge(seed ^ 0x7ade);
        files.Add(WriteJsonLines(Path.Combine(collected, "markets", $"{Bazaar}-listings.jsonl"), MultilingualMarket(tradeForge.Random)));
        files.AddRange(WriteTradePharmacies(Path.Combine(collected, "web"), tradeForge));

        var truth = new GroundTruth(
            seed,
            actors.Where(actor => !actor.IsImpostor && actor.AliasOf is null).Select(actor => new TruthActor(
                actor.Id, actor.Name,
                actor.Handles.Where(handle => !actor.WeakHandles.Contains(handle)).ToList(),
                actor.WeakHandles.ToList(),
                actor.OwnSelectors())).ToList(),
            actors.Where(actor => actor.IsImpostor).Select(actor => new TruthImpostor(actor.Handles[0], actor.Imitates!, "same name, different PGP key, own wallet")).ToList(),
            [
                new TruthHub("email", hubs.MarketASupport, $"{MarketA} support e-mail in every listing"),
                new TruthHub("btc", hubs.MarketAEscrow, $"{MarketA} escrow address in every listing"),
                new TruthHub("email", hubs.MarketBSupport, $"{MarketB} support e-mail in every listing"),
                new TruthHub("btc", hubs.MarketBEscrow.ToLowerInvariant(), $"{MarketB} escrow address in every listing"),
                new TruthHub("btc", hubs.ForumDonation.ToLowerInvariant(), $"{Forum} donation address in many signatures"),
            ],
            truthDocuments)
        {
            Relays = TruthRelays(),
            Renamed = TruthRenames(),
            NameVariants = TruthNameVariants(),
        };
        var truthPath = Path.Combine(folder, GroundTruthFile);
        File.WriteAllText(truthPath, JsonSerializer.Serialize(truth, IndentedJson));
        // The tour's tables come last, from a random stream of their own, so they leave the collected material as it was.
        var tables = new Random(seed ^ 0x7ab1e5);
        var marketDump = WriteMarketDump(Path.Combine(folder, "agora.csv"), tables);
        var callRecords = WriteCallRecords(Path.Combine(folder, "calls.csv"), tables);
        return new DemoManifest(folder, files, truthDocuments.Count, truthPath, marketDump, callRecords);
    }

    private void CreateActors()
    {
        Actor Vendor(string id, string name, string region, params (string Site, string Handle)[] handles)
        {
            var actor = new Actor(id, name, handles.Select(pair => $"{pair.Site}/{pair.Handle}").ToList())
            {
                Region = region,
                Pgp = forge.PgpKey($"{name} <{name.ToLowerInvariant()}@{MailDomains[random.Next(MailDomains.Length)]}>"),
                Btc = random.Next(2) == 0 ? forge.BitcoinSegwit() : forge.BitcoinLegacy(),
                Email = $"{Slug(name)}{random.Next(10, 99)}@{MailDomains[random.Next(MailDomains.Length)]}",
                Telegram = Slug(name) + (random.Next(2) == 0 ? "_nl" : "_shop"),
                Phone = forge.Phone(region),
                Session = forge.SessionId(),
                Monero = random.Next(3) == 0 ? forge.Monero() : null,
                Ethereum = random.Next(3) == 0 ? forge.Ethereum() : null,
                Wickr = random.Next(2) == 0 ? Slug(name) + "_w" : null,
                Signature = Signatures[actors.Count % Signatures.Length],
                Tic = Tics[actors.Count % Tics.Length],
            };
            actors.Add(actor);
            return actor;
        }

        Vendor("A01", "GreenDragon", "NL", (MarketA, "GreenDragon"), (Forum, "green_dragon"), (TelegramGroup, "GreenDragon NL"));
        Vendor("A02", "FrostByte", "DE", (MarketA, "FrostByte"), (MarketB, "Frost_Byte"), (Forum, "frostbyte"));
        Vendor("A03", "PillPusher", "GB", (MarketB, "PillPusher"), (MarketA, "PiIlPusher"), (TelegramGroup, "Pill Pusher UK"));
        Vendor("A04", "KetKing", "GB", (MarketA, "KetKing"), (TelegramGroup, "Ket King"));
        Vendor("A05", "MollyMaven", "BE", (MarketB, "MollyMaven"), (Forum, "molly_maven"));
        var candy = Vendor("A06", "TheCandyman", "NL", (MarketA, "TheCandyman"), (Forum, "candyman_official"));
        candy.WeakHandles.Add($"{Forum}/candyman_official");
        Vendor("A07", "BenzoBaron", "FR", (MarketB, "BenzoBaron"), (MarketA, "BenzoBaron2"), (TelegramGroup, "Baron"));
        Vendor("A08", "NorthernLights", "NL", (MarketA, "NorthernLights"), (Forum, "NorthernLights"));
        Vendor("A09", "SpeedDemon", "DE", (MarketB, "SpeedDemon"), (TelegramGroup, "Speed Demon"));
        Vendor("A10", "AcidAlchemist", "NL", (MarketA, "AcidAlchemist"));
        Vendor("A11", "ShroomShaman", "BE", (MarketB, "ShroomShaman"));
        var impostor = Vendor("X01", "GreenDragon", "NL", (MarketB, "GreenDragon"));
        impostor.IsImpostor = true;
        impostor.Imitates = "A01";
        impostor.Telegram = "greendragon_official";

        string[] first = ["night", "lucky", "dutch", "silent", "blue", "happy", "old", "quiet", "rapid", "cosmic", "red", "iron"];
        string[] second = ["owl", "buyer", "fox", "tourist", "raver", "panda", "sailor", "wolf", "ghost", "cat", "bear", "monk"];
        for (var index = 0; index < 36; index++)
        {
            buyers.Add($"{first[index % first.Length]}{second[(index * 5 + index / first.Length) % second.Length]}{random.Next(10, 99)}");
        }

        CreateHardCases();
    }

    private static readonly string[] Signatures =
    [
        "~ quality is our religion ~", "-- stay frosty, ship fast --", "[ UK's #1 pharma plug ]", "// ket for the people //",
        "*~ spread the love ~*", "🍬 sweet dreams, fast ships 🍬", "=== baron approved ===", "🌿 grown with love in NL 🌿",
        ">>> speed kills, we deliver <<<", "~ turn on, tune in ~", "🍄 nature provides 🍄", "~ the one and only ~",
    ];

    private static readonly string[] Tics =
    [
        "no bullshit, just quality.", "stay safe out there fam!!", "discreet as always mate.", "cheers lads, proper gear.",
        "much love to all my peeps <3", "sweet as candy, trust me xx", "merci et a bientot.", "blessed be the harvest.",
        "fast fast fast!!!", "peace and light, friends.", "let the forest guide you.", "accept no copies.",
    ];

    private IEnumerable<(Dictionary<string, object?> Record, TruthDocument Truth)> Market(string site, string support, string escrow, DateTimeOffset from, DateTimeOffset until)
    {
        var vendors = actors.Where(actor => actor.HandleOn(site) is not null).ToList();
        foreach (var vendor in vendors)
        {
            var handle = vendor.HandleOn(site)!;
            var start = vendor.Handles[0].StartsWith(site + "/", StringComparison.Ordinal) ? from : (site == MarketA ? Takedown.AddDays(3) : from);
            yield return Record(site, handle, "profile", $"{handle} vendor profile", Profile(vendor, handle), RandomDate(start, start.AddDays(20)));
            for (var listing = 0; listing < 8; listing++)
            {
                var productIndex = (Array.IndexOf(actors.ToArray(), vendor) * 3 + listing) % Products.Length;
                var product = Products[productIndex];
                var text = new DocText();
                var quantity = new[] { 1, 3.5, 5, 10, 25, 50, 100 }[random.Next(7)];
                text.Add($"{product.Emoji} {Capitalize(product.Name)} – {quantity.ToString(CultureInfo.InvariantCulture)}{product.Unit}, lab tested, vacuum sealed x2.\n");
                var origin = Countries[random.Next(Countries.Length)];
                var price = StreetPrice(productIndex, quantity, random.Next(20, 900), random.Next(10, 99));
                text.Add($"Ships from {origin} to EU/UK. Price: €{price} (updated {RandomDate(from, until):yyyy-MM-dd}). ");
                text.Add($"Order #{random.Next(1_000_000, 9_999_999)}{random.Next(100, 999)} style numbers are just our internal refs. ");
                text.Add(vendor.Tic + "\n");
                if (listing % 3 == 0)
                {
                    text.Add("Direct deals: ");
                    AddContact(text, vendor, random.Next(4));
                    text.Add("\n");
                }

                text.Add($"---\n{Capitalize(site)} support: ");
                text.Selector("email", support, support);
                text.Add(" · escrow address for disputes: ");
                text.Selector("btc", escrow.StartsWith("bc1", StringComparison.Ordinal) ? escrow.ToLowerInvariant() : escrow, escrow);
                var title = $"{product.Emoji} {Capitalize(product.Name)} {quantity.ToString(CultureInfo.InvariantCulture)}{product.Unit} {product.Emoji}";
                var (record, truth) = Record(site, handle, "listing", title, text, RandomDate(start, until), new() { ["price_eur"] = random.Next(20, 900) });
                yield return (record, truth with { Facts = MarketListingFacts(productIndex, quantity, origin) });
            }
        }

        for (var review = 0; review < 110; review++)
        {
            var vendor = vendors[random.Next(vendors.Count)];
            var buyer = buyers[random.Next(buyers.Count)];
            var handle = vendor.HandleOn(site)!;
            var text = new DocText();
            text.Add($"{random.Next(3, 6)}/5 – got my order from {handle.Split('/')[1]} in {random.Next(2, 9)} days, stealth was good. ");
            if (review % 3 == 0)
            {
                text.Add("Faster if you message him directly: ");
                AddContact(text, vendor, random.Next(3));
                text.Add(". ");
            }

            text.Add(random.Next(2) == 0 ? "Would buy again." : "Weight was 0.1 under but ok.");
            yield return Record(site, buyer, "post", $"Review of {handle.Split('/')[1]}", text, RandomDate(from, until));
        }
    }

    private DocText Profile(Actor vendor, string handle)
    {
        var text = new DocText();
        text.Add($"About {handle.Split('/')[1]}: vendor since 2023, {random.Next(200, 4000)} sales. {vendor.Tic}\n");
        text.Add("Always verify my PGP before you send anything.\n");
        text.Selector("pgp", vendor.Pgp.Fingerprint, vendor.Pgp.Armored);
        text.Add("\nContacts: ");
        text.Add("telegram: @");
        text.Selector("telegram", vendor.Telegram, vendor.Telegram);
        text.Add(" | session: ");
        text.Selector("session", vendor.Session, vendor.Session);
        text.Add("\nPayment: BTC ");
        text.Selector("btc", NormalizeBtc(vendor.Btc), vendor.Btc);
        if (vendor.Monero is { } monero)
        {
            text.Add(" or XMR ");
            text.Selector("xmr", monero, monero);
        }

        if (vendor.Ethereum is { } ethereum)
        {
            text.Add(" or ETH ");
            text.Selector("eth", ethereum.ToLowerInvariant(), ethereum);
        }

        text.Add($"\n{vendor.Signature}");
        return text;
    }

    /// <summary>One of the vendor's own contacts, written the way dealers write them.</summary>
    private static void AddContact(DocText text, Actor vendor, int which)
    {
        switch (which)
        {
            case 0:
                text.Add("telegram ");
                text.Selector("telegram", vendor.Telegram, "t.me/" + vendor.Telegram);
                break;
            case 1:
                text.Add("mail ");
                text.Selector("email", vendor.Email, vendor.Email);
                break;
            case 2:
                text.Add("call/whatsapp ");
                text.Selector("phone", vendor.Phone, SelectorForge.WritePhone(vendor.Phone, national: false));
                break;
            default:
                if (vendor.Wickr is { } wickr)
                {
                    text.Add("wickr: ");
                    text.Selector("wickr", wickr, wickr);
                }
                else
                {
                    text.Add("session: ");
                    text.Selector("session", vendor.Session, vendor.Session);
                }

                break;
        }
    }

    private IEnumerable<(Dictionary<string, object?> Record, TruthDocument Truth)> ForumPosts(Hubs hubs)
    {
        var until = YearStart.AddDays(364);
        var vendors = actors.Where(actor => actor.HandleOn(Forum) is not null).ToList();
        var donors = buyers.Where((_, index) => index % 3 == 0).ToHashSet();
        foreach (var vendor in vendors)
        {
            var handle = vendor.HandleOn(Forum)!;
            for (var post = 0; post < 6; post++)
            {
                var text = new DocText();
                text.Add($"Restock done, {Products[random.Next(Products.Length)].Name} back in. {vendor.Tic} ");
                var weakOnly = vendor.WeakHandles.Contains($"{Forum}/{handle.Split('/')[1]}");
                if (!weakOnly)
                {
                    switch (post % 4)
                    {
                        case 0:
                            text.Add("Contact me at ");
                            ObfuscatedEmail(text, vendor.Email, post / 4);
                            text.Add(" for bulk.");
                            break;
                        case 1 when post == 5:
                            // A signed restock notice: only its signature names the key.
                            text.Add("\n");
                            text.Selector("pgp", vendor.Pgp.Fingerprint, vendor.Pgp.ClearSign($"Restock notice from {handle.Split('/')[1]}.\n- same key, same shop, new batch tested.", YearStart.UtcDateTime));
                            break;
                        case 1:
                            text.Add("My PGP fingerprint: ");
                            text.Selector("pgp", vendor.Pgp.Fingerprint, Grouped(vendor.Pgp.Fingerprint));
                            break;
                        case 2:
                            text.Add("Payments only to ");
                            text.Selector("btc", NormalizeBtc(vendor.Btc), vendor.Btc);
                            break;
                        default:
                            text.Add("Telegram: @");
                            text.Selector("telegram", vendor.Telegram, vendor.Telegram);
                            break;
                    }
                }
                else
                {
                    text.Add("Find me on the markets, same name, same quality.");
                }

                text.Add($"\n\n{vendor.Signature}");
                if (post % 2 == 0)
                {
                    text.Add("\nSupport the forum: ");
                    text.Selector("btc", hubs.ForumDonation.ToLowerInvariant(), hubs.ForumDonation);
                }

                yield return Record(Forum, handle, "post", $"{handle.Split('/')[1]} shop thread", text, RandomDate(YearStart, until), thread: $"t-{Slug(handle)}");
            }
        }

        var greenDragon = actors.First(actor => actor.Id == "A01");
        var impostor = actors.First(actor => actor.IsImpostor);
        for (var post = 0; post < 120; post++)
        {
            var buyer = buyers[random.Next(buyers.Count)];
            var text = new DocText();
            switch (post % 8)
            {
                case 0:
                    text.Add($"{Capitalize(MarketA)} mirror that works for me: ");
                    Onion(text, hubs.MarketAOnion, post / 8 % 3);
                    text.Add(". Tor browser 13.0.4 had issues, 13.5.1 is fine.");
                    break;
                case 1:
                    text.Add("SCAM ALERT: somebody is posting a fake payment address for GreenDragon: ");
                    var fake = greenDragon.Btc.StartsWith("bc1", StringComparison.Ordinal)
                        ? forge.BreakChecksum(greenDragon.Btc, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 4)
                        : forge.BreakChecksum(greenDragon.Btc, Base58Check.Alphabet, 1);
                    text.LookAlike("btc", fake);
                    text.Add(" – the checksum is wrong, do not send.");
                    break;
                case 2:
                    text.Add($"Is {impostor.HandleOn(MarketB)} on {MarketB} the real one? He posts a different PGP key: ");
                    text.Selector("pgp", impostor.Pgp.Fingerprint, Grouped(impostor.Pgp.Fingerprint));
                    break;
                case 3:
                    var vendor = vendors[random.Next(vendors.Count)];
                    if (vendor.WeakHandles.Count > 0)
                    {
                        vendor = greenDragon;
                    }

                    text.Add($"{vendor.HandleOn(Forum)!.Split('/')[1]} delivered again, you can reach him on telegram @");
                    text.Selector("telegram", vendor.Telegram, vendor.Telegram);
                    break;
                case 4:
                    text.Add($"Lost my package on {RandomDate(YearStart, until):yyyy-MM-dd}, tracking 3SABCD{random.Next(1_000_000, 9_999_999)}. My old VPS ");
                    var ip = $"185.{random.Next(100, 230)}.{random.Next(0, 255)}.{random.Next(1, 254)}";
                    text.Selector("ipv4", ip, ip);
                    text.Add(" got seized, use a VPN.");
                    break;
                case 5:
                    text.Add("Warning: an ETH address going round in DMs fails its checksum: ");
                    var eth = forge.Ethereum();
                    text.LookAlike("eth", "0x" + BreakCase(eth[2..]));
                    text.Add(". Same with this XMR: ");
                    text.LookAlike("xmr", forge.BreakChecksum(forge.Monero(), Base58Check.Alphabet, 2));
                    break;
                case 6:
                    text.Add($"{Capitalize(MarketB)} is gone since the takedown on {Takedown:yyyy-MM-dd}. New forum address: ");
                    Onion(text, hubs.ForumOnion, 1 + post / 8 % 2);
                    break;
                default:
                    text.Add($"Anyone tried the {Products[random.Next(Products.Length)].Name} from {MarketA}? Paid ${random.Next(40, 400)} for {random.Next(1, 10)}g, expected more.");
                    break;
            }

            if (donors.Contains(buyer))
            {
                text.Add("\n\nSupport the forum: ");
                text.Selector("btc", hubs.ForumDonation.ToLowerInvariant(), hubs.ForumDonation);
            }

            yield return Record(Forum, buyer, "post", $"Thread {post / 4 + 1}", text, RandomDate(YearStart, until), thread: $"t{post / 4 + 1}");
        }
    }

    private string WriteTelegram(string path)
    {
        var messages = new List<object>();
        var vendors = actors.Where(actor => actor.HandleOn(TelegramGroup) is not null).ToList();
        var id = 1000;
        var fromIds = new List<string>();
        int Add(string from)
        {
            fromIds.Add(from);
            return fromIds.Count - 1;
        }

        for (var index = 0; index < 150; index++)
        {
            var posted = RandomDate(YearStart, YearStart.AddDays(364));
            var text = new DocText();
            string from;
            if (index % 2 == 0)
            {
                var vendor = vendors[index / 2 % vendors.Count];
                from = vendor.HandleOn(TelegramGroup)!.Split('/', 2)[1];
                var product = Products[random.Next(Products.Length)];
                text.Add($"{product.Emoji}{product.Emoji} {product.Name} in stock {product.Emoji}{product.Emoji} {vendor.Tic} DM @");
                text.Selector("telegram", vendor.Telegram, vendor.Telegram);
                if (index % 3 == 0)
                {
                    text.Add(" or session ");
                    text.Selector("session", vendor.Session, vendor.Session);
                }
                else if (index % 3 == 1)
                {
                    text.Add(" or text ");
                    // Dutch numbers are written the Dutch way in a Dutch channel; foreign ones keep their country code.
                    text.Selector("phone", vendor.Phone, SelectorForge.WritePhone(vendor.Phone, national: vendor.Region == "NL"));
                }

                text.Add($"\n{vendor.Signature}");
            }
            else
            {
                from = buyers[random.Next(buyers.Count)];
                var vendor = vendors[random.Next(vendors.Count)];
                text.Add(index % 5 == 1 ? $"who is legit here? @" : "got mine from @");
                text.Selector("telegram", vendor.Telegram, vendor.Telegram);
                text.Add(index % 5 == 1 ? " ?" : $" yesterday, {random.Next(1, 5)} days to Utrecht 👍");
            }

            var sourceId = (id++).ToString(CultureInfo.InvariantCulture);
            messages.Add(new Dictionary<string, object?>
            {
                ["id"] = id - 1,
                ["type"] = "message",
                ["date"] = posted.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                ["date_unixtime"] = posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["from"] = from,
                ["from_id"] = "user" + (4_100_000 + fromIds.IndexOf(from) switch { < 0 => Add(from), var known => known }).ToString(CultureInfo.InvariantCulture),
                ["text"] = text.TelegramEntities(),
            });
            truthDocuments.Add(text.Truth(TelegramGroup, sourceId, from, "message"));
        }

        var export = new Dictionary<string, object?>
        {
            ["name"] = TelegramGroup,
            ["type"] = "public_supergroup",
            ["id"] = 1_770_004_242,
            ["messages"] = messages,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(export, IndentedJson));
        return path;
    }

    private IEnumerable<string> WritePharmacy(string folder)
    {
        Directory.CreateDirectory(folder);
        var owner = actors.First(actor => actor.Id == "A03");
        string[] products = ["oxycodone-30mg", "xanax-2mg", "adderall-30mg", "tramadol-200mg", "valium-10mg", "percocet-10mg"];
        foreach (var product in products.Append("contact"))
        {
            var text = new DocText();
            var title = product == "contact" ? "Contact us – RX Pharma Direct" : $"Buy {Capitalize(product.Replace('-', ' '))} online without prescription – RX Pharma Direct";
            if (product == "contact")
            {
                text.Add("Contact our pharmacists\nOrders and questions: ");
                text.Selector("email", owner.Email, owner.Email);
                text.Add("\nWhatsApp: ");
                text.Selector("phone", owner.Phone, SelectorForge.WritePhone(owner.Phone, national: false));
                text.Add("\nWe accept Bitcoin: ");
                text.Selector("btc", NormalizeBtc(owner.Btc), owner.Btc);
            }
            else
            {
                text.Add($"{Capitalize(product.Replace('-', ' '))}\nGenuine pharmacy grade, no prescription needed. Discreet worldwide shipping in 5-7 days.\n");
                text.Add($"30 pills: ${random.Next(90, 300)} · 60 pills: ${random.Next(300, 500)} · 90 pills: ${random.Next(500, 700)}\n");
                text.Add("Pay with Bitcoin for 10% off.");
            }

            var url = $"https://{Pharmacy}/{(product == "contact" ? "contact" : "products/" + product)}";
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<!-- saved from url=(0042)").Append(url).Append(" -->\n<html><head><meta charset=\"utf-8\">")
                .Append("<title>").Append(HtmlEncoder.Default.Encode(title)).Append("</title>")
                .Append("<link rel=\"canonical\" href=\"").Append(url).Append("\">")
                .Append("<script src=\"https://cdn.tracker.example/analytics.js\"></script><script>document.write('tracking pixel')</script>")
                .Append("<style>body{background:url(https://cdn.tracker.example/bg.png)}</style></head><body>")
                .Append("<nav><a href=\"/\">Home</a> <a href=\"/contact\">Contact</a></nav><main>");
            foreach (var line in text.Plain.Split('\n'))
            {
                html.Append("<p>").Append(HtmlEncoder.Default.Encode(line)).Append("</p>");
            }

            html.Append("<img src=\"https://cdn.tracker.example/pill.jpg\" alt=\"\"></main><footer>© 2025 RX Pharma Direct</footer></body></html>\n");
            var path = Path.Combine(folder, (product == "contact" ? "contact" : product) + ".html");
            File.WriteAllText(path, html.ToString());
            truthDocuments.Add(text.Truth(Pharmacy, url, null, "page"));
            yield return path;
        }
    }

    private (Dictionary<string, object?> Record, TruthDocument Truth) Record(
        string site, string author, string kind, string title, DocText text, DateTimeOffset posted, Dictionary<string, object?>? extra = null, string? thread = null)
    {
        var author2 = author.Contains('/', StringComparison.Ordinal) ? author.Split('/', 2)[1] : author;
        sourceIds[site] = sourceIds.GetValueOrDefault(site, 0) + 1;
        var sourceId = $"{site[..2]}-{sourceIds[site]:D5}";
        var record = new Dictionary<string, object?>
        {
            ["id"] = sourceId,
            ["site"] = site,
            ["url"] = $"http://{site}.example/{kind}/{sourceId}",
            ["author"] = author2,
            ["title"] = title,
            ["text"] = text.Plain,
            ["posted_at"] = posted.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["kind"] = kind,
        };
        if (thread is not null)
        {
            record["thread"] = thread;
        }

        foreach (var (key, value) in extra ?? [])
        {
            record[key] = value;
        }

        return (record, text.Truth(site, sourceId, author2, kind));
    }

    /// <summary>
    /// A CSV dump of a third market, as scrapers hand them over: its own column names ("Item Description"), prices in
    /// BTC, listings by vendors seen nowhere else and no contacts, so it adds search material without touching the
    /// alias ground truth.
    /// </summary>
    private static string WriteMarketDump(string path, Random random)
    {
        (string Vendor, string Country)[] vendors =
            [("DutchDirect", "Netherlands"), ("PolarPeak", "Germany"), ("SnowQueenNL", "Netherlands"), ("LondonLabs", "United Kingdom"), ("BalticBulk", "Poland"), ("RxRiviera", "France")];
        (string Item, string Emoji, string Description)[] items =
        [
            ("Fentanyl patches 100mcg", "💊", "Pharma-grade fentanyl patches, sealed in original foil. Start low, go slow."),
            ("Fentanyl powder 1g", "⚠️", "Potent fentanyl HCl, test every batch. Not for beginners."),
            ("Oxycodone 80mg", "💊", "Real oxy 80s, pressed by the manufacturer, not by us."),
            ("Cocaine 90%", "❄️", "Peruvian flake, fishscale, the charlie your friends ask about."),
            ("Ketamine shards", "🐴", "Needle-point K shards, clean and fast."),
            ("MDMA 84%", "💎", "Champagne molly crystals, lab-tested."),
            ("Xanax 2mg bars", "💊", "Pfizer bars, green, 10 per strip."),
            ("Amnesia Haze", "🍁", "Top-shelf bud, sticky and loud."),
        ];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("ID,Type,Vendor,Item,Item Description,Price (BTC),Ships From,Date");
        var listing = 0;
        foreach (var (vendor, country) in vendors)
        {
            for (var index = 0; index < 7; index++)
            {
                var (item, emoji, description) = items[(listing * 3 + index) % items.Length];
                var posted = YearStart.AddDays(random.Next(0, 364)).AddMinutes(random.Next(0, 24 * 60));
                var price = (random.Next(5, 900) / 10000.0).ToString("0.0000", CultureInfo.InvariantCulture);
                var text = $"{emoji} {description} Ships from {country} to EU, tracked. {emoji}";
                writer.WriteLine(string.Join(',', new[] { $"AG-{++listing:D4}", "listing", vendor, item, text, price, country, posted.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) }.Select(Csv)));
            }
        }

        return path;
    }

    /// <summary>
    /// Call records from a wiretap, one row per pair and day: source,target,calls,time between the vendors' own
    /// phone numbers, three suppliers and their couriers. Each vendor calls a supplier and a courier; the suppliers
    /// share a broker; after the takedown of ironbridge its vendors call more, through the broker.
    /// </summary>
    private string WriteCallRecords(string path, Random random)
    {
        var vendors = actors.Where(actor => !actor.IsImpostor).ToList();
        string Number(string prefix) => prefix + string.Concat(Enumerable.Range(0, 7).Select(_ => random.Next(10).ToString(CultureInfo.InvariantCulture)));
        var suppliers = new[] { Number("+3161"), Number("+4915"), Number("+3247") };
        var broker = Number("+3162");
        var couriers = Enumerable.Range(0, 8).Select(index => Number(index % 2 == 0 ? "+3163" : "+4917")).ToList();
        var rows = new List<(string Source, string Target, int Calls, DateTimeOffset At)>();
        void Calls(string a, string b, DateTimeOffset from, DateTimeOffset until, int days)
        {
            for (var day = 0; day < days; day++)
            {
                var at = from.AddDays(random.Next(0, Math.Max(1, (int)(until - from).TotalDays))).AddHours(random.Next(8, 23));
                rows.Add(random.Next(2) == 0 ? (a, b, random.Next(1, 6), at) : (b, a, random.Next(1, 6), at));
            }
        }

        var yearEnd = YearStart.AddDays(364);
        for (var index = 0; index < vendors.Count; index++)
        {
            var vendor = vendors[index];
            var movedAfterTakedown = vendor.Handles.Any(handle => handle.StartsWith(MarketB + "/", StringComparison.Ordinal));
            Calls(vendor.Phone, suppliers[index % suppliers.Length], YearStart, yearEnd, 6 + random.Next(6));
            Calls(vendor.Phone, couriers[index % couriers.Count], YearStart, yearEnd, 4 + random.Next(4));
            if (movedAfterTakedown)
            {
                Calls(vendor.Phone, broker, Takedown, yearEnd, 5 + random.Next(4));
            }
        }

        foreach (var supplier in suppliers)
        {
            Calls(supplier, broker, YearStart, yearEnd, 8);
        }

        for (var index = 0; index < couriers.Count; index++)
        {
            Calls(couriers[index], couriers[(index + 1) % couriers.Count], YearStart, yearEnd, 2);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("source,target,weight,time");
        foreach (var (source, target, calls, at) in rows.OrderBy(row => row.At))
        {
            writer.WriteLine(string.Join(',', source, target, calls.ToString(CultureInfo.InvariantCulture), at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        return path;
    }

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private string WriteJsonLines(string path, IEnumerable<(Dictionary<string, object?> Record, TruthDocument Truth)> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var (record, truth) in records.OrderBy(pair => (string)pair.Record["posted_at"]!, StringComparer.Ordinal))
        {
            writer.WriteLine(JsonSerializer.Serialize(record, JsonOptions));
            truthDocuments.Add(truth);
        }

        return path;
    }

    private static void ObfuscatedEmail(DocText text, string email, int style)
    {
        var (user, host) = (email.Split('@')[0], email.Split('@')[1]);
        var dot = host.LastIndexOf('.');
        var raw = (style % 3) switch
        {
            0 => $"{user} [at] {host[..dot]} [dot] {host[(dot + 1)..]}",
            1 => $"{user}(at){host}",
            _ => $"{user} at {host[..dot]} dot {host[(dot + 1)..]}",
        };
        text.Selector("email", email, raw, obfuscated: true);
    }

    private static void Onion(DocText text, string onion, int style)
    {
        var host = onion[..^".onion".Length];
        var raw = style switch { 0 => onion, 1 => host + "[.]onion", _ => host + " dot onion" };
        text.Selector("onion", onion, raw, obfuscated: style != 0);
    }

    private string BreakCase(string checksummedHex)
    {
        var chars = checksummedHex.ToCharArray();
        var letters = Enumerable.Range(0, chars.Length).Where(index => char.IsAsciiLetter(chars[index])).ToList();
        var flip = letters[random.Next(letters.Count)];
        chars[flip] = char.IsUpper(chars[flip]) ? char.ToLowerInvariant(chars[flip]) : char.ToUpperInvariant(chars[flip]);
        var broken = new string(chars);
        return Eip55.IsValid(broken) ? BreakCase(checksummedHex) : broken;
    }

    private DateTimeOffset RandomDate(DateTimeOffset from, DateTimeOffset until) =>
        from.AddSeconds(random.NextInt64(0, Math.Max(1, (long)(until - from).TotalSeconds)));

    private static string NormalizeBtc(string address) => address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) ? address.ToLowerInvariant() : address;

    private static string Grouped(string fingerprint) => string.Join(' ', fingerprint.Chunk(4).Select(chunk => new string(chunk)));

    private static string Slug(string name) => new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record Hubs(string MarketASupport, string MarketAEscrow, string MarketBSupport, string MarketBEscrow, string ForumDonation, string MarketAOnion, string MarketBOnion, string ForumOnion);

    private sealed partial class Actor(string id, string name, List<string> handles)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public List<string> Handles { get; } = handles;

        public HashSet<string> WeakHandles { get; } = new(StringComparer.Ordinal);

        public bool IsImpostor { get; set; }

        public string? Imitates { get; set; }

        public required string Region { get; init; }

        public required DemoPgpKey Pgp { get; init; }

        public required string Btc { get; init; }

        public required string Email { get; init; }

        public required string Telegram { get; set; }

        public required string Phone { get; init; }

        public required string Session { get; init; }

        public string? Monero { get; init; }

        public string? Ethereum { get; init; }

        public string? Wickr { get; init; }

        public required string Signature { get; init; }

        public required string Tic { get; init; }

        public string? HandleOn(string site) => Handles.FirstOrDefault(handle => handle.StartsWith(site + "/", StringComparison.Ordinal));

        public List<TruthSelector> OwnSelectors()
        {
            var own = new List<TruthSelector>
            {
                new("pgp", Pgp.Fingerprint, Pgp.Fingerprint, false),
                new("btc", NormalizeBtc(Btc), Btc, false),
                new("email", Email, Email, false),
                new("telegram", Telegram, Telegram, false),
                new("phone", Phone, Phone, false),
                new("session", Session, Session, false),
            };
            if (Monero is not null)
            {
                own.Add(new("xmr", Monero, Monero, false));
            }

            if (Ethereum is not null)
            {
                own.Add(new("eth", Ethereum.ToLowerInvariant(), Ethereum, false));
            }

            if (Wickr is not null)
            {
                own.Add(new("wickr", Wickr, Wickr, false));
            }

            return own;
        }
    }
}
