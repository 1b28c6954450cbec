using System.Globalization;
using System.Text;
using System.Text.Json;
using Lantern.Demo;
using Lantern.Tests.Support;

namespace Lantern.Tests.Graph;

/// <summary>What <see cref="OutsiderCorpus.Generate"/> wrote: the files to ingest and the ground truth.</summary>
public sealed record OutsiderManifest(IReadOnlyList<string> Files, string GroundTruthPath);

/// <summary>
/// How buyers' reviews are written: <see cref="ForeignQuotes"/> quote a vendor's contact in German, Dutch or Russian
/// (otherwise in English, with the English cue words), <see cref="PastedAdverts"/> paste a vendor's whole advert
/// (otherwise they quote one contact in English). Turning one off isolates what it does to alias resolution.
/// </summary>
public sealed record OutsiderReviews(bool ForeignQuotes = true, bool PastedAdverts = true);

/// <summary>
/// A second alias corpus, written apart from the demo and its rules, shaped as real scrapes are: a Telegram
/// Desktop export of a "plug" channel reposting several vendors' adverts and of a shop-directory group whose
/// admin reposts vendors that post no PGP key; two markets scraped as JSON Lines with different key names
/// (listings re-scraped at other prices, vendor profiles with armored keys, buyers' feedback); a forum CSV of
/// reviews that quote vendors' contacts or paste whole adverts, by buyers whose names (john, mike, alex)
/// recur on every site. It plants a relay that carries only two vendors, a relay of vendors without keys,
/// vendors renamed on the second market with fresh contacts, a second account on one market
/// (<c>TheCollective</c>/<c>The_Collective</c>), two different vendors with near-identical names, impostors
/// trading on a known name with their own key (one copying the real advert), a market support address and
/// an escrow wallet many post. Deterministic for a seed.
/// </summary>
public static class OutsiderCorpus
{
    private const string Velvet = "velvetmarket";
    private const string Harbor = "harbor";
    private const string Forum = "hiddenboard";
    private const string PlugChannel = "Plug Central EU";
    private const string ShopDirectory = "Dutch Shop Directory";


    public static OutsiderManifest Generate(string folder, int seed, OutsiderReviews? reviews = null)
    {
        var world = new World(seed, reviews ?? new OutsiderReviews());
        Directory.CreateDirectory(folder);
        var files = new List<string>
        {
            world.WriteVelvet(Path.Combine(folder, "markets", "velvet-2026-10.jsonl")),
            world.WriteHarbor(Path.Combine(folder, "markets", "harbor_dump.jsonl")),
            world.WriteForum(Path.Combine(folder, "forum", "hiddenboard-posts.csv")),
            world.WritePlugChannel(Path.Combine(folder, "telegram", "plug-central", "result.json")),
            world.WriteDirectoryGroup(Path.Combine(folder, "telegram", "shop-directory", "result.json")),
        };
        var truthPath = Path.Combine(folder, "ground-truth.json");
        File.WriteAllText(truthPath, JsonSerializer.Serialize(world.Truth(), GroundTruthFile.Options));
        return new OutsiderManifest(files, truthPath);
    }

    /// <summary>A contact as a vendor writes it: selector type, normalized value, and the advert line that carries it.</summary>
    private sealed record Contact(string Type, string Value, string Line);

    private sealed record Product(string Name, string Unit, decimal UnitPrice, string Category);

    /// <summary>One account of an actor: where it is, what it advertises as its own, and how it writes.</summary>
    private sealed record Persona(string Site, string Author, DemoPgpKey? Key, IReadOnlyList<Contact> Contacts, string Language, string Pitch, string Closing, IReadOnlyList<Product> Products)
    {
        public string Handle => $"{Site}/{Author}";

        public IEnumerable<Contact> All => Key is null ? Contacts : Contacts.Prepend(new Contact("pgp", Key.Fingerprint, "PGP fingerprint: " + Grouped(Key.Fingerprint)));
    }

    private sealed record Actor(string Id, string Name, List<Persona> Strong, List<Persona> Weak);

    private sealed class World
    {
        private static readonly Product[] Stimulants = [new("Cocaine 90% Peru", "g", 62m, "Stimulants"), new("Speed paste", "g", 9m, "Stimulants"), new("MDMA crystal 84%", "g", 18m, "Ecstasy"), new("Ketamine needles", "g", 24m, "Dissociatives")];
        private static readonly Product[] Psychedelics = [new("LSD 150ug blotter", "tabs", 6m, "Psychedelics"), new("Psilocybe cubensis", "g", 8m, "Psychedelics"), new("2C-B 20mg", "pills", 7m, "Psychedelics")];
        private static readonly Product[] Cannabis = [new("Amnesia Haze", "g", 8m, "Cannabis"), new("Gelato 41 indoor", "g", 10m, "Cannabis"), new("Moroccan hash", "g", 7m, "Cannabis")];
        private static readonly Product[] Pharma = [new("Xanax 2mg bars", "pills", 2.5m, "Benzos"), new("Oxycodone 30mg", "pills", 19m, "Opioids"), new("Diazepam 10mg", "pills", 1.2m, "Benzos"), new("Tramadol 200mg", "pills", 1.5m, "Opioids")];
        private static readonly Product[] Opiates = [new("Heroin #4 Afghan", "g", 55m, "Opioids"), new("Opium gum", "g", 30m, "Opioids")];

        private readonly Random random;
        private readonly SelectorForge forge;
        private readonly DateTimeOffset start = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly List<Actor> actors = [];
        private readonly List<TruthImpostor> impostors = [];
        private readonly List<Persona> impostorPersonas = [];
        private readonly List<TruthRelay> relays = [];
        private readonly List<TruthRename> renamed = [];
        private readonly List<TruthNameVariant> variants = [];
        private readonly List<TruthActor> buyers = [];
        private readonly string supportEmail;
        private readonly string escrowWallet;
        private readonly string plugChannelWallet;
        private readonly Actor frost;
        private readonly Actor acid;
        private readonly Actor collective;
        private readonly Actor nordic;
        private readonly Actor molly;
        private readonly Actor speedy;
        private readonly Actor bud;
        private readonly Actor opium;
        private readonly int seed;
        private readonly OutsiderReviews reviewStyle;
        private int nextId = 1000;

        public World(int seed, OutsiderReviews reviewStyle)
        {
            this.seed = seed;
            this.reviewStyle = reviewStyle;
            random = new Random(seed);
            forge = new SelectorForge(seed);
            supportEmail = "support@velvetmkt.to";
            escrowWallet = forge.BitcoinSegwit();
            plugChannelWallet = forge.BitcoinSegwit();

            frost = AddActor("frost", "FrostPharma",
                [
                    Vendor(Velvet, "FrostPharma", Key("FrostPharma"), [Btc(), Wickr("frostpharma"), Session()], "en", Pharma,
                        "Real pharma, no presses, no bullshit. Every order vacuum sealed twice and shipped from inside the EU within 24h of payment clearing.",
                        "Stay safe, stay medicated - FrostPharma"),
                ],
                []);
            frost.Strong.Add(frost.Strong[0] with { Site = Harbor, Contacts = [frost.Strong[0].Contacts[0], frost.Strong[0].Contacts[1]] });

            acid = AddActor("acid", "AcidAlchemist",
                [
                    Vendor(Velvet, "AcidAlchemist", Key("AcidAlchemist"), [Btc(), Threema()], "en", Psychedelics,
                        "Lab tested paper, every batch goes through reagent kits before it ships. We dose honestly and we pack discreetly in greeting cards.",
                        "Turn on, tune in, order from AcidAlchemist."),
                ],
                []);
            acid.Strong.Add(acid.Strong[0] with { Site = Forum, Contacts = [acid.Strong[0].Contacts[1]] });

            collective = AddActor("collective", "TheCollective",
                [
                    Vendor(Velvet, "TheCollective", Key("TheCollective"), [Btc(), Wickr("thecollective"), Telegram("thecollective_eu")], "en", Cannabis,
                        "Growers collective from the south of Spain. Organic soil, slow cured for six weeks, trimmed by hand. Smell proof bags, no logos, no nonsense.",
                        "One love from the Collective crew."),
                ],
                []);
            collective.Strong.Add(collective.Strong[0] with { Site = Harbor, Contacts = [collective.Strong[0].Contacts[1]] });
            var secondAccount = collective.Strong[0] with { Author = "The_Collective", Key = null, Contacts = [Wickr("collective.two"), Btc()] };
            collective.Weak.Add(secondAccount);
            variants.Add(new TruthNameVariant("collective", secondAccount.Handle, collective.Strong[0].Handle));

            var dragon = AddActor("dragon", "GreenDragon",
                [
                    Vendor(Harbor, "GreenDragon", Key("GreenDragon"), [Btc(), Wickr("greendragon")], "en", Cannabis,
                        "Premium Cali genetics grown in the UK. Tested THC numbers on request, photos are our own product, no stock pics ever.",
                        "GreenDragon - puff puff pass"),
                ],
                []);
            dragon.Strong.Add(dragon.Strong[0] with { Site = Forum, Contacts = [dragon.Strong[0].Contacts[1]] });
            var dragon420 = AddActor("dragon420", "Green-Dragon420",
                [
                    Vendor(Harbor, "Green-Dragon420", Key("Green-Dragon420"), [Btc(), Session()], "de", Cannabis,
                        "Gras aus Holland, direkt vom Züchter. Versand diskret in Briefumschlag, Tracking auf Anfrage, Reship bei Verlust einmalig.",
                        "Beste Grüße, euer Drache 420"),
                ],
                []);
            dragon420.Strong.Add(dragon420.Strong[0] with { Site = Velvet, Author = "GreenDragon420", Contacts = [dragon420.Strong[0].Contacts[1]] });

            var keto = AddActor("keto", "KetoKing",
                [
                    Vendor(Velvet, "KetoKing", Key("KetoKing"), [Btc(), Wickr("ketoking")], "nl", Stimulants,
                        "ketje van de beste kwaliteit!! direct uit de haven, niet versneden. bestel voor 16u = zelfde dag verzonden met postnl!!",
                        "KetoKing ~ nu ook SnowLeopardNL ~ check altijd de PGP!!"),
                ],
                []);
            keto.Strong.Add(keto.Strong[0] with { Site = Forum, Contacts = [keto.Strong[0].Contacts[1]] });
            var snow = keto.Strong[0] with { Site = Harbor, Author = "SnowLeopardNL", Key = Key("SnowLeopardNL"), Contacts = [Btc(), Wickr("snowleopardnl")] };
            keto.Weak.Add(snow);
            renamed.Add(new TruthRename("keto", snow.Handle, [keto.Strong[0].Handle, keto.Strong[1].Handle]));

            var baron = AddActor("baron", "BlotterBaron",
                [
                    Vendor(Velvet, "BlotterBaron", null, [Btc(), Wickr("blotterbaron")], "en", Psychedelics,
                        "Hand printed art blotters, each sheet tested on EZ test and Ehrlich. I ship in a flat envelope inside a magazine, never bent, never lost.",
                        "Peace, love & paper - BlotterBaron"),
                ],
                []);
            var prince = baron.Strong[0] with { Site = Harbor, Author = "PaperPrince", Key = Key("PaperPrince"), Contacts = [Wickr("paperprince"), Eth()], Closing = "Peace, love & paper - PaperPrince" };
            baron.Weak.Add(prince);
            renamed.Add(new TruthRename("baron", prince.Handle, [baron.Strong[0].Handle]));

            molly = AddActor("molly", "MollyMaven",
                [
                    Vendor(Velvet, "MollyMaven", null, [Btc(), Telegram("mollymaven_nl"), Session()], "nl", Stimulants,
                        "Pure Dutch MDMA kristallen, getest door DIMS vrienden. Wij leveren binnen NL en heel Europa, altijd met tracking.",
                        "Groetjes, MollyMaven"),
                ],
                []);
            molly.Strong.Add(molly.Strong[0] with { Site = Harbor, Contacts = [molly.Strong[0].Contacts[0], molly.Strong[0].Contacts[2]] });
            molly.Strong.Add(molly.Strong[0] with { Site = ShopDirectory, Contacts = [molly.Strong[0].Contacts[1], molly.Strong[0].Contacts[2]] });

            speedy = AddActor("speedy", "SpeedySwiss",
                [
                    Vendor(Harbor, "SpeedySwiss", null, [Eth(), Wickr("speedyswiss"), Threema()], "fr", Stimulants,
                        "Speed et amphétamine de qualité suisse, envoi depuis Genève sous 48h. Emballage neutre, aucune signature requise.",
                        "Merci et à bientôt - SpeedySwiss"),
                ],
                []);
            speedy.Strong.Add(speedy.Strong[0] with { Site = Velvet, Author = "Speedy_Swiss", Contacts = [speedy.Strong[0].Contacts[0], speedy.Strong[0].Contacts[2]] });

            bud = AddActor("bud", "BudBrothers",
                [
                    Vendor(Velvet, "BudBrothers", null, [Btc(), Telegram("budbrosuk"), Signal("budbros.21")], "en", Cannabis,
                        "Two brothers, one mission: top shelf bud at street prices. UK next day delivery, royal mail first class, no minimum order.",
                        "Cheers from the Bud Brothers"),
                ],
                []);
            bud.Strong.Add(bud.Strong[0] with { Site = Forum, Contacts = [bud.Strong[0].Contacts[1], bud.Strong[0].Contacts[2]] });

            nordic = AddActor("nordic", "NordicGreens",
                [
                    Vendor(Velvet, "NordicGreens", Key("NordicGreens"), [Btc(), Wickr("nordicgreens")], "en", Cannabis,
                        "Scandinavian indoor, shipped from Denmark to all of the Nordics. Vacuum sealed, dog proof, stealth that passes customs every time.",
                        "Skal! NordicGreens"),
                ],
                []);
            nordic.Strong.Add(nordic.Strong[0] with { Site = Harbor, Author = "nordic_greens", Contacts = [nordic.Strong[0].Contacts[1]] });

            var farmacia = AddActor("farmacia", "FarmaciaLibre",
                [
                    Vendor(Velvet, "FarmaciaLibre", Key("FarmaciaLibre"), [Btc(), Email("farmacialibre@protonmail.com")], "es", Pharma,
                        "Medicamentos originales de farmacia española, sin receta. Envío discreto a toda Europa en 3-5 días laborables.",
                        "Saludos cordiales, Farmacia Libre"),
                ],
                []);
            farmacia.Strong.Add(farmacia.Strong[0] with { Site = Harbor, Author = "Farmacia_Libre", Contacts = [farmacia.Strong[0].Contacts[1]] });

            opium = AddActor("opium", "OpiumDen",
                [
                    Vendor(Harbor, "OpiumDen_RU", Key("OpiumDen"), [Btc(), Telegram("opiumden_ru")], "ru", Opiates,
                        "Чистый товар напрямую из Афганистана. Отправка по всей Европе, упаковка без запаха, трек-номер после оплаты.",
                        "С уважением, ОпиумДен"),
                ],
                []);
            opium.Strong.Add(opium.Strong[0] with { Site = Forum, Author = "опиум_ден", Contacts = [opium.Strong[0].Contacts[1]] });

            // Impostors: a forum account claiming to be FrostPharma's "official" one with its own key, and a
            // harbor account registered under AcidAlchemist's name that copies the real advert with its own key and wallet.
            var fakeFrost = Vendor(Forum, "FrostPharma_Official", Key("FrostPharma"), [Btc(), Wickr("frostpharma_official")], "en", Pharma,
                "This is the only real FrostPharma account, the market ones got hacked. New key below, old key is compromised, do not use it.",
                "FrostPharma official - accept no copies");
            impostorPersonas.Add(fakeFrost);
            impostors.Add(new TruthImpostor(fakeFrost.Handle, "frost", "claims FrostPharma's name with another PGP key and wallet"));
            var fakeAcid = acid.Strong[0] with { Site = Harbor, Key = Key("AcidAlchemist"), Contacts = [Btc()] };
            impostorPersonas.Add(fakeAcid);
            impostors.Add(new TruthImpostor(fakeAcid.Handle, "acid", "registers AcidAlchemist's name on another market and copies its advert, with its own key and wallet"));

            relays.Add(new TruthRelay(PlugChannel + "/" + PlugChannel, "telegram-channel", ["frost", "acid", "collective", "nordic", "bud"]));
            relays.Add(new TruthRelay(Forum + "/VendorWatch", "forum-reposter", ["frost", "acid"]));
            relays.Add(new TruthRelay(ShopDirectory + "/Directory Admin", "telegram-group-admin", ["molly", "speedy", "bud"]));

            foreach (var name in new[] { "john", "mike", "alex" })
            {
                foreach (var site in new[] { Velvet, Harbor, Forum })
                {
                    buyers.Add(new TruthActor($"buyer-{name}-{site}", name, [$"{site}/{name}"], [], []));
                }
            }

            foreach (var handle in new[] { $"{ShopDirectory}/Mike", $"{ShopDirectory}/john", $"{Forum}/BerlinRaver", $"{Forum}/lisa_k", $"{Harbor}/Lisa.K", $"{Velvet}/petr_ru" })
            {
                buyers.Add(new TruthActor("buyer-" + handle, handle[(handle.IndexOf('/', StringComparison.Ordinal) + 1)..], [handle], [], []));
            }
        }

        public GroundTruth Truth() =>
            new(seed,
                [.. actors.Select(actor => new TruthActor(actor.Id, actor.Name,
                    [.. actor.Strong.Select(persona => persona.Handle).Distinct()],
                    [.. actor.Weak.Select(persona => persona.Handle)],
                    [.. actor.Strong.SelectMany(persona => persona.All).DistinctBy(contact => (contact.Type, contact.Value)).Select(contact => new TruthSelector(contact.Type, contact.Value, contact.Line, false))])),
                 .. buyers],
                impostors,
                [new TruthHub("email", supportEmail, "velvetmarket support address"), new TruthHub("btc", escrowWallet, "harbor escrow wallet")],
                [])
            {
                Relays = relays,
                Renamed = renamed,
                NameVariants = variants,
            };

        public string WriteVelvet(string path)
        {
            var lines = new List<Dictionary<string, object?>>();
            foreach (var persona in Personas().Where(persona => persona.Site == Velvet))
            {
                lines.Add(new()
                {
                    ["listing_id"] = $"vendor-{persona.Author.ToLowerInvariant()}",
                    ["market"] = Velvet,
                    ["vendor"] = persona.Author,
                    ["listing_title"] = $"Vendor profile: {persona.Author}",
                    ["description"] = Profile(persona, supportLine: random.Next(10) < 8 || persona.Author is "FrostPharma" or "AcidAlchemist" or "TheCollective" or "The_Collective" or "KetoKing" or "NordicGreens"),
                    ["date_posted"] = Date(random.Next(30)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    ["type"] = "vendor",
                    ["rating"] = $"{4 + random.NextDouble():0.00}/5",
                });
                foreach (var (id, title, text, price, product, posted) in Listings(persona, escrow: false))
                {
                    lines.Add(new()
                    {
                        ["listing_id"] = id,
                        ["market"] = Velvet,
                        ["vendor"] = persona.Author,
                        ["listing_title"] = title,
                        ["description"] = text,
                        ["price_usd"] = price.ToString("0.00", CultureInfo.InvariantCulture),
                        ["category"] = product.Category,
                        ["ships_from"] = Origin(persona.Language),
                        ["date_posted"] = posted.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        ["type"] = "offer",
                    });
                }
            }

            lines.Add(new()
            {
                ["listing_id"] = "vendor-velvetsupport",
                ["market"] = Velvet,
                ["vendor"] = "VelvetSupport",
                ["listing_title"] = "Market staff",
                ["description"] = $"Official support of Velvet Market. Disputes, lost orders and account recovery: {supportEmail}\nWe will NEVER ask for your password or PGP private key.",
                ["date_posted"] = "2026-04-01 09:00",
                ["type"] = "vendor",
            });
            foreach (var review in Reviews(Velvet))
            {
                lines.Add(new()
                {
                    ["listing_id"] = review.Id,
                    ["market"] = Velvet,
                    ["username"] = review.Author,
                    ["listing_title"] = "Feedback: " + review.About,
                    ["description"] = review.Text,
                    ["date_posted"] = review.Posted.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    ["type"] = "feedback",
                    ["stars"] = random.Next(3, 6),
                });
            }

            return CorpusFiles.WriteJsonLines(path, lines);
        }

        public string WriteHarbor(string path)
        {
            var lines = new List<Dictionary<string, object?>>();
            foreach (var persona in Personas().Where(persona => persona.Site == Harbor))
            {
                lines.Add(new()
                {
                    ["id"] = $"u:{persona.Author}",
                    ["site"] = Harbor,
                    ["url"] = $"http://harbor{Slug(persona.Author)}.example/u/{persona.Author}",
                    ["author"] = persona.Author,
                    ["title"] = persona.Author,
                    ["text"] = Profile(persona, supportLine: false),
                    ["posted_at"] = Date(random.Next(40)).ToString("O", CultureInfo.InvariantCulture),
                    ["kind"] = "profile",
                });
                foreach (var (id, title, text, price, product, posted) in Listings(persona, escrow: true))
                {
                    lines.Add(new()
                    {
                        ["id"] = id,
                        ["site"] = Harbor,
                        ["author"] = persona.Author,
                        ["title"] = title,
                        ["text"] = text,
                        ["price"] = price,
                        ["currency"] = persona.Language is "en" ? "USD" : "EUR",
                        ["posted_at"] = posted.ToString("O", CultureInfo.InvariantCulture),
                        ["kind"] = "listing",
                    });
                }
            }

            foreach (var review in Reviews(Harbor))
            {
                lines.Add(new()
                {
                    ["id"] = review.Id,
                    ["site"] = Harbor,
                    ["author"] = review.Author,
                    ["title"] = "Review of " + review.About,
                    ["text"] = review.Text,
                    ["posted_at"] = review.Posted.ToString("O", CultureInfo.InvariantCulture),
                    ["kind"] = "review",
                });
            }

            return CorpusFiles.WriteJsonLines(path, lines);
        }

        public string WriteForum(string path)
        {
            var rows = new List<string[]>();
            foreach (var persona in Personas().Where(persona => persona.Site == Forum))
            {
                rows.Add(Row("Vendor threads", persona.Author, Profile(persona, supportLine: false), 0));
                foreach (var (_, title, text, _, _, _) in Listings(persona, escrow: false).Take(2))
                {
                    rows.Add(Row("Vendor threads", persona.Author, title + "\n" + text, random.Next(120)));
                }
            }

            // A reposting account: only two vendors' adverts, copied whole from the market for those without access.
            foreach (var actor in new[] { frost, acid })
            {
                foreach (var (_, title, text, _, _, _) in Listings(actor.Strong[0], escrow: false).Take(2))
                {
                    rows.Add(Row("Vendor threads", "VendorWatch", $"[REPOST from velvet] {title}\n\n{text}\n\n(reposted for people without an invite, DYOR)", random.Next(120)));
                }
            }

            foreach (var review in Reviews(Forum))
            {
                rows.Add(Row(review.About + " review", review.Author, review.Text, random.Next(150)));
            }

            var builder = new StringBuilder("post_id,forum,thread_title,username,post_date,post_text\n");
            foreach (var row in rows.OrderBy(_ => random.Next()))
            {
                builder.Append(string.Join(',', row.Select(Csv))).Append('\n');
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, builder.ToString());
            return path;

            string[] Row(string thread, string author, string text, int day) =>
                [(nextId++).ToString(CultureInfo.InvariantCulture), Forum, thread, author, Date(day).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture), text];
        }

        public string WritePlugChannel(string path)
        {
            var messages = new List<object>();
            var id = 1;
            messages.Add(ChannelMessage(id++, 0, [$"Welcome to {PlugChannel} 🔌 Only verified plugs. Tips for the admin: ", new { type = "code", text = plugChannelWallet }], PlugChannel));
            foreach (var actor in new[] { frost, acid, collective, nordic, bud })
            {
                var persona = actor.Strong[0];
                for (var repost = 0; repost < 2 + random.Next(2); repost++)
                {
                    var product = persona.Products[random.Next(persona.Products.Count)];
                    var quantity = Quantity(product);
                    var carried = persona.All.Where(contact => contact.Type != "email").ToList();
                    var parts = new List<object>
                    {
                        "🔌 ",
                        new { type = "bold", text = persona.Author },
                        repost == 0 ? " — new plug in the channel!\n" : random.Next(2) == 0 ? " — restock ✅\n" : " снова в наличии ✅\n",
                        $"{product.Name} {quantity}{product.Unit} = {Price(product, quantity) * 1.1m:0} €\n",
                    };
                    if (random.Next(2) == 0)
                    {
                        parts.Add(persona.Pitch + "\n");
                    }

                    foreach (var contact in carried)
                    {
                        parts.Add(contact.Type switch
                        {
                            "telegram" => new { type = "mention", text = "@" + contact.Value },
                            "btc" or "eth" or "session" => (object)new { type = "code", text = contact.Line },
                            _ => contact.Line,
                        });
                        parts.Add("\n");
                    }

                    parts.Add("Not our product, we only share plugs. DYOR 🙏");
                    messages.Add(ChannelMessage(id++, random.Next(150), parts, repost == 1 && random.Next(2) == 0 ? persona.Author + " Official" : null));
                }
            }

            messages.Add(ChannelMessage(id++, 160, ["Channel will move if we get banned, backup: ", new { type = "mention", text = "@plugcentral_backup" }], null));
            return CorpusFiles.WriteTelegram(path, PlugChannel, "public_channel", messages);

            object ChannelMessage(int messageId, int day, IReadOnlyList<object> text, string? forwardedFrom)
            {
                var posted = Date(day);
                var message = new Dictionary<string, object?>
                {
                    ["id"] = messageId,
                    ["type"] = "message",
                    ["date"] = posted.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["date_unixtime"] = posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    ["from"] = PlugChannel,
                    ["from_id"] = "channel1889927310",
                };
                if (forwardedFrom is not null)
                {
                    message["forwarded_from"] = forwardedFrom;
                }

                message["text"] = text;
                return message;
            }
        }

        public string WriteDirectoryGroup(string path)
        {
            var messages = new List<object>();
            var id = 1;
            messages.Add(new { id = id++, type = "service", date = "2026-04-01T10:00:00", date_unixtime = Date(0).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), actor = "Directory Admin", actor_id = "user5550001", action = "create_group", title = ShopDirectory, members = Array.Empty<string>() });
            foreach (var actor in new[] { molly, speedy, bud })
            {
                var persona = actor.Strong[0];
                for (var repost = 0; repost < 2; repost++)
                {
                    var product = persona.Products[random.Next(persona.Products.Count)];
                    var quantity = Quantity(product);
                    var bundle = actor.Strong.SelectMany(p => p.Contacts).DistinctBy(contact => contact.Value).Take(3).ToList();
                    var text = $"📣 SHOP: {persona.Author}\n{product.Name} – {quantity}{product.Unit} voor {Price(product, quantity):0} euro\n" +
                        string.Join('\n', bundle.Select(contact => contact.Line)) + "\nBestel direct bij de shop, niet via mij.";
                    messages.Add(GroupMessage(id++, random.Next(150), "Directory Admin", "user5550001", text));
                }
            }

            var mollyHere = molly.Strong.Single(persona => persona.Site == ShopDirectory);
            messages.Add(GroupMessage(id++, 40, mollyHere.Author, "user7770042",
                $"Hoi allemaal! Nieuwe batch binnen. {mollyHere.Pitch}\n{string.Join('\n', mollyHere.Contacts.Select(contact => contact.Line))}\n{mollyHere.Closing}"));
            messages.Add(GroupMessage(id++, 41, "Mike", "user1230001", $"is @{molly.Strong[0].Contacts[1].Value} legit? first order"));
            messages.Add(GroupMessage(id++, 42, "john", "user1230002", "yes ordered twice, fast. molly was 🔥"));
            messages.Add(GroupMessage(id++, 60, "Mike", "user1230001", "anyone got speed near utrecht?"));
            messages.Add(GroupMessage(id++, 61, "john", "user1230002", $"try speedy, {speedy.Strong[0].Contacts[1].Line}"));
            return CorpusFiles.WriteTelegram(path, ShopDirectory, "private_supergroup", messages);

            object GroupMessage(int messageId, int day, string from, string fromId, string text)
            {
                var posted = Date(day);
                return new
                {
                    id = messageId,
                    type = "message",
                    date = posted.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    date_unixtime = posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    from,
                    from_id = fromId,
                    text,
                };
            }
        }

        private IEnumerable<Persona> Personas() =>
            actors.SelectMany(actor => actor.Strong.Concat(actor.Weak)).Concat(impostorPersonas);

        private sealed record Review(string Id, string Author, string About, string Text, DateTimeOffset Posted);

        /// <summary>Buyers' feedback on a site: some quote a vendor's contact, some paste its whole advert, most say nothing that links.</summary>
        private List<Review> Reviews(string site)
        {
            var reviews = new List<Review>();
            var vendors = actors.SelectMany(actor => actor.Strong).Where(persona => persona.Site is Velvet or Harbor).ToList();
            var reviewers = new List<string> { "john", "mike", "alex" };
            reviewers.AddRange(site switch { Velvet => ["petr_ru"], Harbor => ["Lisa.K"], _ => ["BerlinRaver", "lisa_k"] });
            foreach (var reviewer in reviewers)
            {
                for (var i = 0; i < 4; i++)
                {
                    var vendor = vendors[random.Next(vendors.Count)];
                    var contact = vendor.Contacts[random.Next(vendor.Contacts.Count)];
                    var text = random.Next(8) switch
                    {
                        0 => $"Got mine from {vendor.Author}, {contact.Line.ToLowerInvariant()} answered within the hour. Legit.",
                        1 => $"{vendor.Author} is legit, message him: {contact.Line}",
                        2 or 3 or 4 when !reviewStyle.ForeignQuotes => $"Ordered from {vendor.Author}, contact {contact.Line}. All good.",
                        2 => $"Bei {vendor.Author} bestellt, Kontakt über {contact.Line}. Alles top, gerne wieder!",
                        3 => $"Besteld bij {vendor.Author}, zijn contact {contact.Line} reageert snel. Aanrader.",
                        4 => $"Брал у {vendor.Author}, его контакт {contact.Line} — всё пришло, рекомендую",
                        5 when !reviewStyle.PastedAdverts => $"{vendor.Author} is legit, message him: {contact.Line}",
                        5 => $"Saw this advert, anyone tried?\n\n{Listings(vendor, escrow: false).First().Text}",
                        6 => $"stealth was good, {random.Next(2, 9)} days to arrive. {vendor.Author} 10/10",
                        _ => $"meh, {vendor.Author} took {random.Next(5, 20)} days. product ok",
                    };
                    reviews.Add(new Review($"fb-{site}-{nextId++}", reviewer, vendor.Author, text, Date(random.Next(180))));
                }
            }

            if (site == Forum)
            {
                reviews.Add(new Review($"fb-{site}-{nextId++}", "alex", "escrow", $"Paid into escrow {escrowWallet} and harbor support never answered.", Date(90)));
            }

            if (site == Velvet)
            {
                reviews.Add(new Review($"fb-{site}-{nextId++}", "mike", "support", $"Wrote to {supportEmail} about a lost order, they refunded.", Date(95)));
            }

            return reviews;
        }

        /// <summary>A persona's listings, some scraped twice at another price (same id, new version).</summary>
        private List<(string Id, string Title, string Text, decimal Price, Product Product, DateTimeOffset Posted)> Listings(Persona persona, bool escrow)
        {
            var listingRandom = new Random(StableHash(persona.Handle) ^ seed ^ random.Next(3));
            var listings = new List<(string, string, string, decimal, Product, DateTimeOffset)>();
            var count = 3 + listingRandom.Next(3);
            for (var i = 0; i < count; i++)
            {
                var product = persona.Products[listingRandom.Next(persona.Products.Count)];
                var quantity = Quantity(product, listingRandom);
                var price = Price(product, quantity, listingRandom);
                var id = $"{Slug(persona.Author)}-{StableHash(persona.Handle) & 0xffff:x4}-{i}";
                var posted = Date(listingRandom.Next(170));
                var title = $"{quantity}{product.Unit} {product.Name}" + (listingRandom.Next(3) == 0 ? " | FE" : string.Empty);
                listings.Add((id, title, Advert(persona, product, quantity, price, escrow, listingRandom), price, product, posted));
                if (listingRandom.Next(3) == 0)
                {
                    var newPrice = decimal.Round(price * 0.9m, 2);
                    listings.Add((id, title, Advert(persona, product, quantity, newPrice, escrow, listingRandom), newPrice, product, posted.AddDays(21)));
                }
            }

            return listings;
        }

        private string Advert(Persona persona, Product product, int quantity, decimal price, bool escrow, Random listingRandom)
        {
            var text = new StringBuilder();
            text.Append(persona.Language switch
            {
                "de" => $"{product.Name}, {quantity} {product.Unit} für {price.ToString("0.00", CultureInfo.GetCultureInfo("de-DE"))} €\n",
                "nl" => $"{product.Name} - {quantity}{product.Unit} voor €{price.ToString("0.00", CultureInfo.GetCultureInfo("nl-NL"))}\n",
                "fr" => $"{product.Name} : {quantity} {product.Unit} pour {price.ToString("0.00", CultureInfo.GetCultureInfo("fr-FR"))} €\n",
                "es" => $"{product.Name} - {quantity} {product.Unit} por {price.ToString("0.00", CultureInfo.GetCultureInfo("es-ES"))} €\n",
                "ru" => $"{product.Name} — {quantity} {product.Unit} за {price.ToString("0", CultureInfo.InvariantCulture)} €\n",
                _ => $"{quantity}{product.Unit} {product.Name} for ${price:0.00}\n",
            });
            text.Append(Typo(persona.Pitch, listingRandom)).Append('\n');
            if (escrow && listingRandom.Next(4) != 0)
            {
                text.Append("Escrow only, pay to ").Append(escrowWallet).Append(" and finalize after arrival\n");
            }

            foreach (var contact in persona.All.Where(_ => listingRandom.Next(5) != 0))
            {
                text.Append(contact.Line).Append('\n');
            }

            text.Append(persona.Closing);
            return text.ToString();
        }

        private string Profile(Persona persona, bool supportLine)
        {
            var text = new StringBuilder();
            text.Append(persona.Pitch).Append("\n\n");
            foreach (var contact in persona.Contacts)
            {
                text.Append(contact.Line).Append('\n');
            }

            if (supportLine)
            {
                text.Append("Problems with an order? Open a dispute or mail market support: ").Append(supportEmail).Append('\n');
            }

            if (persona.Key is not null)
            {
                text.Append("\nMy PGP key:\n").Append(persona.Key.Armored).Append("\n\n");
            }

            text.Append(persona.Closing);
            return text.ToString();
        }

        private static string Typo(string text, Random listingRandom)
        {
            if (listingRandom.Next(3) != 0)
            {
                return text;
            }

            var words = text.Split(' ');
            var at = listingRandom.Next(words.Length);
            if (words[at].Length > 4)
            {
                var chars = words[at].ToCharArray();
                var swap = 1 + listingRandom.Next(chars.Length - 3);
                (chars[swap], chars[swap + 1]) = (chars[swap + 1], chars[swap]);
                words[at] = new string(chars);
            }

            return string.Join(' ', words);
        }

        private Actor AddActor(string id, string name, List<Persona> strong, List<Persona> weak)
        {
            var actor = new Actor(id, name, strong, weak);
            actors.Add(actor);
            return actor;
        }

        private static Persona Vendor(string site, string author, DemoPgpKey? key, IReadOnlyList<Contact> contacts, string language, IReadOnlyList<Product> products, string pitch, string closing) =>
            new(site, author, key, contacts, language, pitch, closing, products);

        private DemoPgpKey Key(string name) => forge.PgpKey($"{name} <{name.ToLowerInvariant()}@onionmail.invalid>");

        private Contact Btc()
        {
            var wallet = random.Next(2) == 0 ? forge.BitcoinSegwit() : forge.BitcoinLegacy();
            return new Contact("btc", wallet.StartsWith("bc1", StringComparison.Ordinal) ? wallet.ToLowerInvariant() : wallet, (random.Next(2) == 0 ? "BTC: " : "Bitcoin address: ") + wallet);
        }

        private Contact Eth()
        {
            var wallet = forge.Ethereum();
            return new Contact("eth", wallet.ToLowerInvariant(), "ETH: " + wallet);
        }

        private Contact Session()
        {
            var id = forge.SessionId();
            return new Contact("session", id, "Session: " + id);
        }

        private Contact Threema()
        {
            const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
            var id = string.Concat(Enumerable.Range(0, 8).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
            return new Contact("threema", id, "Threema ID " + id);
        }

        private Contact Wickr(string name) =>
            new("wickr", name, (random.Next(4) == 0 ? "Wikr: " : "Wickr: ") + name);

        private Contact Telegram(string name) =>
            new("telegram", name, (random.Next(4) == 0 ? "telegramm: @" : "Telegram: @") + name);

        private static Contact Signal(string name) => new("signal", name, "Signal: " + name);

        private static Contact Email(string address) => new("email", address, "E-mail: " + address);

        private int Quantity(Product product, Random? source = null)
        {
            var steps = product.Unit == "g" ? new[] { 1, 3.5m, 5, 10, 28, 50 } : [10, 25, 50, 100];
            return (int)Math.Ceiling(steps[(source ?? random).Next(steps.Length)]);
        }

        private decimal Price(Product product, int quantity, Random? source = null)
        {
            var discount = quantity >= 25 ? 0.8m : quantity >= 10 ? 0.9m : 1m;
            return decimal.Round(product.UnitPrice * quantity * discount * (0.9m + (decimal)(source ?? random).NextDouble() * 0.2m), 2);
        }

        private DateTimeOffset Date(int day) => start.AddDays(day).AddMinutes(random.Next(24 * 60));

        private static string Origin(string language) => language switch { "nl" => "Netherlands", "de" => "Germany", "fr" => "Switzerland", "es" => "Spain", "ru" => "Russia", _ => "United Kingdom" };
    }



    private static string Csv(string field) => CorpusFiles.CsvField(field, ',');

    private static string Grouped(string fingerprint) =>
        string.Join(' ', Enumerable.Range(0, fingerprint.Length / 4).Select(i => fingerprint.Substring(i * 4, 4)));

    private static string Slug(string author) =>
        new(author.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static int StableHash(string text) =>
        text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
