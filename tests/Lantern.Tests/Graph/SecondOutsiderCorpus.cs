using System.Globalization;
using System.Text;
using System.Text.Json;
using Lantern.Demo;
using Lantern.Tests.Support;

namespace Lantern.Tests.Graph;

/// <summary>
/// A third alias corpus, written by a second outsider from the issue and the formats, in shapes neither the demo nor
/// <see cref="OutsiderCorpus"/> has: a market scraped as JSON Lines and another as a CSV, a German-speaking Telegram
/// group where vendors post their own adverts and buyers recommend them without a name, a Telegram drop channel
/// reposting two vendors that post no key (and names neither), and a mailbox of orders. Vendors' names are common words
/// (<c>Apollo</c>, <c>Candy</c>, <c>Tesla</c>) or equal their Telegram and Wickr IDs; vendors' own posts name a
/// competitor ("unlike Apollo…") or their own other account ("also on deepsea as VoltPills"), or give their contact
/// with words a buyer would use ("Bestellung via Threema", "Мой контакт"); buyers named max on every site; a renamed
/// vendor; an impostor on a common-word name; an escrow wallet in many listings. Deterministic for a seed.
/// </summary>
public static class SecondOutsiderCorpus
{
    private const string IronBay = "ironbay";
    private const string DeepSea = "deepsea";
    private const string RaveChat = "Rave Chat DE";
    private const string DropChannel = "Plug Drop";
    private const string Mailbox = "orders";


    public static OutsiderManifest Generate(string folder, int seed)
    {
        var world = new World(seed);
        Directory.CreateDirectory(folder);
        var files = new List<string>
        {
            world.WriteIronBay(Path.Combine(folder, "ironbay", "scrape.jsonl")),
            world.WriteDeepSea(Path.Combine(folder, "deepsea", "deepsea-export.csv")),
            world.WriteRaveChat(Path.Combine(folder, "telegram", "rave-chat", "result.json")),
            world.WriteDropChannel(Path.Combine(folder, "telegram", "plug-drop", "result.json")),
            world.WriteMailbox(Path.Combine(folder, "mail", Mailbox + ".mbox")),
        };
        var truthPath = Path.Combine(folder, "ground-truth.json");
        File.WriteAllText(truthPath, JsonSerializer.Serialize(world.Truth(), GroundTruthFile.Options));
        return new OutsiderManifest(files, truthPath);
    }

    private sealed record Contact(string Type, string Value, string Line);

    /// <summary>A market account: what it advertises in its profile and listings, and how it writes.</summary>
    private sealed record Account(string Site, string Author, DemoPgpKey? Key, IReadOnlyList<Contact> Contacts, string Pitch, string Closing, IReadOnlyList<string> Products)
    {
        public string Handle => $"{Site}/{Author}";
    }

    private sealed class World
    {
        private readonly Random random;
        private readonly SelectorForge forge;
        private readonly DateTimeOffset start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        private readonly List<Account> accounts = [];
        private readonly Dictionary<string, List<string>> strong = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> weak = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Contact>> own = new(StringComparer.Ordinal);
        private readonly string escrow;
        private readonly Contact apolloWickr;
        private readonly Contact apolloBtc;
        private readonly Contact candyTelegram;
        private readonly Contact teslaTelegram;
        private readonly Contact teslaBtc;
        private readonly Contact kristallThreema;
        private readonly Contact kristallEmail;
        private readonly Contact blitzSession;
        private readonly Contact sibirTelegram;
        private readonly Contact sibirEmail;
        private readonly Contact sibirBtc;
        private readonly Contact moonWickr;
        private readonly Contact moonBtc;
        private readonly Account impostor;
        private readonly Account lunar;
        private readonly int seed;
        private int nextId = 500;

        public World(int seed)
        {
            this.seed = seed;
            random = new Random(seed);
            forge = new SelectorForge(seed ^ 0x5eed);
            escrow = forge.BitcoinSegwit();

            // Apollo: a common word, and its Wickr ID is its name.
            apolloWickr = new Contact("wickr", "apollo", "Wickr: apollo");
            apolloBtc = Btc();
            var apolloKey = Key("Apollo");
            Add("apollo", Market(IronBay, "Apollo", apolloKey, [apolloBtc, apolloWickr],
                "Pressed pills from a real pharma line, every batch tested on a scale and a reagent. Worldwide shipping, vacuum sealed.",
                "Apollo - reach for the moon", "XTC Apollo 220mg", "Xanax 2mg bars"));
            Add("apollo", Market(DeepSea, "Apollo", apolloKey, [apolloWickr],
                "Pressed pills from a real pharma line, every batch tested on a scale and a reagent. Worldwide shipping, vacuum sealed.",
                "Apollo - reach for the moon", "XTC Apollo 220mg"));
            strong["apollo"].Add($"{RaveChat}/Apollo");

            // Candy: a common word; its Telegram group account is "Candy Shop".
            candyTelegram = new Contact("telegram", "candyshop_eu", "Telegram: @candyshop_eu");
            Add("candy", Market(IronBay, "Candy", Key("Candy"), [Btc(), candyTelegram],
                "Sweet deals on party stuff. MDMA, 2C-B and ketamine from our own lab in the Netherlands, same day dispatch.",
                "xoxo Candy", "MDMA 84% crystal", "2C-B 25mg", "Ketamine shards"));
            strong["candy"].Add($"{RaveChat}/Candy Shop");

            // Tesla: its name is its Telegram ID; on deepsea it sells as VoltPills with the same Telegram and wallet.
            teslaTelegram = new Contact("telegram", "tesla", "Telegram: @tesla");
            teslaBtc = Btc();
            Add("tesla", Market(IronBay, "Tesla", null, [teslaBtc, teslaTelegram],
                "Tesla pills, 250mg, red and grey. No key needed, order through Telegram and pay on the wallet below.",
                "Tesla — charged since 2021", "Tesla XTC 250mg"));
            Add("tesla", Market(DeepSea, "VoltPills", null, [teslaTelegram, teslaBtc],
                "Strong pills, 250mg, red and grey. Order through Telegram, pay on the wallet below, escrow if you prefer.",
                "VoltPills — charged since 2021", "Tesla XTC 250mg"));
            strong["tesla"].Add($"{RaveChat}/Tesla");

            // KristallKlar: writes in German, its mails come from its own address, and it says "Bestellung via Threema".
            kristallThreema = Threema();
            kristallEmail = new Contact("email", "kristallklar@proton.me", "E-Mail: kristallklar@proton.me");
            Add("kristall", Market(IronBay, "KristallKlar", Key("KristallKlar"), [Btc(), kristallThreema, kristallEmail],
                "Kristallines Meth aus eigener Produktion, Versand aus Berlin in Briefumschlag, keine Unterschrift nötig.",
                "Mit freundlichen Grüßen, KristallKlar", "Crystal 1g", "Crystal 5g"));
            strong["kristall"].Add($"{RaveChat}/KristallKlar");
            strong["kristall"].Add($"{Mailbox}/kristallklar@proton.me");

            // Blitz: a common German word; it takes orders "via Session", as a buyer would say of someone else.
            blitzSession = new Contact("session", forge.SessionId(), "");
            blitzSession = blitzSession with { Line = "Session: " + blitzSession.Value };
            Add("blitz", Market(IronBay, "Blitz", Key("Blitz"), [Btc(), blitzSession],
                "Speed und Amphetamin, frisch aus Holland, Versand innerhalb von 24 Stunden, diskret und sicher verpackt.",
                "Blitz - schnell wie der Blitz", "Speed 10g", "Amphetamin Paste 5g"));
            strong["blitz"].Add($"{RaveChat}/Blitz");

            // Sibir: writes in Russian about its own contact ("Мой контакт").
            sibirTelegram = new Contact("telegram", "sibir_shop", "Telegram: @sibir_shop");
            sibirEmail = new Contact("email", "sibir.shop@onionmail.org", "Почта: sibir.shop@onionmail.org");
            sibirBtc = Btc();
            var sibirKey = Key("Sibir");
            Add("sibir", Market(IronBay, "Sibir", sibirKey, [sibirBtc, sibirTelegram, sibirEmail],
                "Мефедрон и гашиш, отправка по всей Европе, трек-номер после оплаты, упаковка без запаха.",
                "С уважением, Sibir", "Мефедрон 1г", "Гашиш 5г"));
            Add("sibir", Market(DeepSea, "SibirShop", sibirKey, [sibirBtc],
                "Мефедрон и гашиш, отправка по всей Европе, трек-номер после оплаты, упаковка без запаха.",
                "С уважением, Sibir", "Мефедрон 1г"));
            strong["sibir"].Add($"{RaveChat}/Sibir");
            strong["sibir"].Add($"{Mailbox}/sibir.shop@onionmail.org");

            // Moonrock, renamed LunarLeaf on ironbay with fresh contacts: it keeps its pitch and closing line.
            moonWickr = new Contact("wickr", "moonrock420", "Wickr: moonrock420");
            moonBtc = Btc();
            Add("moon", Market(DeepSea, "Moonrock", null, [moonBtc, moonWickr],
                "Moon rocks and kief coated buds, hand rolled in small batches. Discreet, smell proof, tracked shipping across the EU.",
                "Stay lifted ~ Moonrock", "Moon rocks 3.5g", "Kief 5g"));
            lunar = Market(IronBay, "LunarLeaf", null, [Btc(), new Contact("wickr", "lunarleaf", "Wickr: lunarleaf")],
                "Moon rocks and kief coated buds, hand rolled in small batches. Discreet, smell proof, tracked shipping across the whole EU.",
                "Stay lifted ~ LunarLeaf", ["Moon rocks 3.5g", "Moon rocks 7g"]);
            accounts.Add(lunar);
            weak["moon"] = [lunar.Handle];

            // An impostor on deepsea trading on Candy's common-word name with its own key and wallet, copying its pitch.
            impostor = Market(DeepSea, "Candy", Key("Candy"), [Btc()],
                "Sweet deals on party stuff. MDMA, 2C-B and ketamine from our own lab in the Netherlands, same day dispatch.",
                "xoxo Candy", ["MDMA 84% crystal"]);
            accounts.Add(impostor);
        }

        public GroundTruth Truth()
        {
            var buyers = new[] { $"{IronBay}/max", $"{DeepSea}/max", $"{RaveChat}/max", $"{Mailbox}/max@cock.li", $"{RaveChat}/Lena" }
                .Select(handle => new TruthActor("buyer-" + handle, handle[(handle.IndexOf('/', StringComparison.Ordinal) + 1)..], [handle], [], []));
            return new GroundTruth(seed,
                [.. strong.Select(actor => new TruthActor(actor.Key, actor.Key, actor.Value.Distinct().ToList(), weak.GetValueOrDefault(actor.Key) ?? [],
                    [.. own[actor.Key].DistinctBy(contact => (contact.Type, contact.Value)).Select(contact => new TruthSelector(contact.Type, contact.Value, contact.Line, false))])),
                 .. buyers],
                [new TruthImpostor(impostor.Handle, "candy", "registers Candy's name on deepsea with its own key and wallet and copies its pitch")],
                [new TruthHub("btc", escrow, "deepsea escrow wallet")],
                [])
            {
                Relays = [new TruthRelay($"{DropChannel}/{DropChannel}", "telegram-channel", ["tesla", "moon"])],
                Renamed = [new TruthRename("moon", lunar.Handle, [$"{DeepSea}/Moonrock"])],
            };
        }

        public string WriteIronBay(string path)
        {
            var lines = new List<Dictionary<string, object?>>();
            foreach (var account in accounts.Where(account => account.Site == IronBay))
            {
                lines.Add(new() { ["id"] = "profile-" + account.Author, ["site"] = IronBay, ["author"] = account.Author, ["title"] = account.Author, ["text"] = Profile(account), ["posted_at"] = Date(random.Next(20)), ["kind"] = "profile" });
                foreach (var (title, text) in Listings(account, escrowLine: false))
                {
                    lines.Add(new() { ["id"] = $"l{nextId++}", ["site"] = IronBay, ["author"] = account.Author, ["title"] = title, ["text"] = text, ["posted_at"] = Date(random.Next(150)), ["kind"] = "listing" });
                }
            }

            // A buyer who never names the vendor it recommends, on a review titled by product, not by vendor.
            lines.Add(new() { ["id"] = $"r{nextId++}", ["site"] = IronBay, ["author"] = "max", ["title"] = "Review: XTC 220mg", ["text"] = $"this guy delivered in 3 days, {apolloWickr.Line.ToLowerInvariant()} if the market is down", ["posted_at"] = Date(60), ["kind"] = "review" });
            lines.Add(new() { ["id"] = $"r{nextId++}", ["site"] = IronBay, ["author"] = "max", ["title"] = "Review: Crystal 1g", ["text"] = "Top Ware, schnell da. 5/5", ["posted_at"] = Date(70), ["kind"] = "review" });
            return CorpusFiles.WriteJsonLines(path, lines);
        }

        public string WriteDeepSea(string path)
        {
            var builder = new StringBuilder("id;market;username;title;body;date;type\n");
            foreach (var account in accounts.Where(account => account.Site == DeepSea))
            {
                Row($"p{nextId++}", account.Author, account.Author + " profile", Profile(account), "profile");
                foreach (var (title, text) in Listings(account, escrowLine: true))
                {
                    Row($"l{nextId++}", account.Author, title, text, "listing");
                }
            }

            // Same-named buyer max on this market too, recommending Tesla's Telegram by the product, not the vendor.
            Row($"r{nextId++}", "max", "Re: red pills", $"legit plug, {teslaTelegram.Line} - delivered twice", "post");
            Row($"r{nextId++}", "max", "escrow", $"paid into escrow {escrow} on friday, still waiting", "post");
            Row($"r{nextId++}", "Lena", "escrow", $"escrow wallet {escrow} released after 5 days", "post");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, builder.ToString());
            return path;

            void Row(string id, string author, string title, string text, string kind) =>
                builder.Append(string.Join(';', new[] { id, DeepSea, author, title, text, Date(random.Next(150)), kind }.Select(Csv))).Append('\n');
        }

        public string WriteRaveChat(string path)
        {
            var messages = new List<object>();
            var id = 1;
            // Vendors post their own adverts; their words name a competitor, their own other account, or carry a buyer's cue.
            Message("Apollo", "user9001", $"Apollo back with fresh pills, sweet as candy and twice as strong, {apolloBtc.Line}");
            Message("Candy Shop", "user9002", $"Unlike Apollo we ship in 2 days, {candyTelegram.Line}");
            Message("Tesla", "user9003", $"Red Teslas restocked, also on deepsea as VoltPills, {teslaTelegram.Line}");
            Message("KristallKlar", "user9004", $"Neue Ware ist da. Kontakt über mich: {kristallThreema.Line}");
            Message("Blitz", "user9006", $"Frisches Speed, Bestellung nur via {blitzSession.Line}");
            Message("Sibir", "user9005", $"Всем привет, новая партия. Мой контакт: {sibirTelegram.Line}, оплата {sibirBtc.Line}");

            // Buyers recommend vendors without naming them.
            Message("max", "user7001", $"this guy delivered, {kristallThreema.Line}");
            Message("Lena", "user7002", "anyone selling near Leipzig?");
            Message("max", "user7001", $"my plug: {sibirTelegram.Line}, fast and cheap");
            return CorpusFiles.WriteTelegram(path, RaveChat, "private_supergroup", messages);

            void Message(string from, string fromId, string text)
            {
                var posted = start.AddDays(random.Next(100)).AddMinutes(random.Next(1440));
                messages.Add(new
                {
                    id = id++,
                    type = "message",
                    date = posted.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    date_unixtime = posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    from,
                    from_id = fromId,
                    text,
                });
            }
        }

        /// <summary>A drop channel reposting two vendors that post no key, naming neither: only their contacts.</summary>
        public string WriteDropChannel(string path)
        {
            var messages = new List<object>();
            var drops = new[]
            {
                new[] { teslaTelegram, teslaBtc },
                [moonWickr, moonBtc],
            };
            for (var i = 0; i < 6; i++)
            {
                var drop = drops[i % 2];
                var posted = start.AddDays(random.Next(120)).AddMinutes(random.Next(1440));
                var parts = new List<object> { i % 2 == 0 ? "💊 red ones back, 250mg\n" : "🌙 rocks restocked\n" };
                foreach (var contact in drop.Where(_ => random.Next(4) != 0).DefaultIfEmpty(drop[0]))
                {
                    parts.Add(contact.Type == "telegram" ? new { type = "mention", text = "@" + contact.Value } : contact.Line);
                    parts.Add("\n");
                }

                parts.Add("DM them, not us ✌️");
                messages.Add(new Dictionary<string, object?>
                {
                    ["id"] = i + 1,
                    ["type"] = "message",
                    ["date"] = posted.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["date_unixtime"] = posted.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    ["from"] = DropChannel,
                    ["from_id"] = "channel1700000001",
                    ["text"] = parts,
                });
            }

            return CorpusFiles.WriteTelegram(path, DropChannel, "public_channel", messages);
        }

        /// <summary>Orders by mail: vendors write from their own address, a buyer forwards a contact without a name.</summary>
        public string WriteMailbox(string path)
        {
            var mail = new StringBuilder();
            Mail("KristallKlar", kristallEmail.Value, "max@cock.li", "Deine Bestellung",
                $"Hallo,\n\ndein Paket ist raus. Nächstes Mal direkt bei mir bestellen, {kristallThreema.Line}\n\nMit freundlichen Grüßen, KristallKlar");
            Mail("Sibir", sibirEmail.Value, "max@cock.li", "Заказ",
                $"Привет!\n\nЗаказ отправлен. Мой контакт для связи: {sibirTelegram.Line}\nОплата на {sibirBtc.Line}\n\nС уважением, Sibir");
            Mail("max", "max@cock.li", "tom@cock.li", "plug",
                $"yo,\n\nthis guy delivered, {kristallThreema.Line}\nand for pills {apolloWickr.Line}\n\nmax");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, mail.ToString());
            return path;

            void Mail(string name, string from, string to, string subject, string body)
            {
                var sent = start.AddDays(random.Next(100)).AddMinutes(random.Next(1440));
                mail.Append(CultureInfo.InvariantCulture, $"From {from} {sent.ToString("ddd MMM dd HH:mm:ss yyyy", CultureInfo.InvariantCulture)}\n")
                    .Append(CultureInfo.InvariantCulture, $"From: {name} <{from}>\nTo: {to}\nSubject: {subject}\n")
                    .Append(CultureInfo.InvariantCulture, $"Date: {sent.ToString("r", CultureInfo.InvariantCulture)}\n")
                    .Append(CultureInfo.InvariantCulture, $"Message-ID: <{nextId++}.{seed}@mail.invalid>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n")
                    .Append(body).Append("\n\n");
            }
        }

        private void Add(string actor, Account account)
        {
            accounts.Add(account);
            (strong.TryGetValue(actor, out var handles) ? handles : strong[actor] = []).Add(account.Handle);
            var contacts = own.TryGetValue(actor, out var list) ? list : own[actor] = [];
            contacts.AddRange(account.Contacts);
            if (account.Key is { } key)
            {
                contacts.Add(new Contact("pgp", key.Fingerprint, "PGP " + key.Fingerprint));
            }
        }

        private static Account Market(string site, string author, DemoPgpKey? key, IReadOnlyList<Contact> contacts, string pitch, string closing, params string[] products) =>
            new(site, author, key, contacts, pitch, closing, products);

        private static string Profile(Account account)
        {
            var text = new StringBuilder(account.Pitch).Append("\n\n");
            foreach (var contact in account.Contacts)
            {
                text.Append(contact.Line).Append('\n');
            }

            if (account.Key is not null)
            {
                text.Append("\nPGP:\n").Append(account.Key.Armored).Append("\n\n");
            }

            return text.Append(account.Closing).ToString();
        }

        private List<(string Title, string Text)> Listings(Account account, bool escrowLine)
        {
            var listings = new List<(string, string)>();
            foreach (var product in account.Products)
            {
                var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{product} - {10 + random.Next(90)} EUR\n{account.Pitch}\n");
                if (escrowLine)
                {
                    text.Append("Escrow: pay to ").Append(escrow).Append('\n');
                }

                foreach (var contact in account.Contacts.Where(_ => random.Next(4) != 0))
                {
                    text.Append(contact.Line).Append('\n');
                }

                listings.Add((product, text.Append(account.Closing).ToString()));
            }

            return listings;
        }

        private DemoPgpKey Key(string name) => forge.PgpKey($"{name} <{name.ToLowerInvariant()}@keys.invalid>");

        private Contact Btc()
        {
            var wallet = random.Next(2) == 0 ? forge.BitcoinSegwit() : forge.BitcoinLegacy();
            return new Contact("btc", wallet.StartsWith("bc1", StringComparison.Ordinal) ? wallet.ToLowerInvariant() : wallet, "BTC: " + wallet);
        }

        private Contact Threema()
        {
            const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
            var id = string.Concat(Enumerable.Range(0, 8).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
            return new Contact("threema", id, "Threema ID " + id);
        }

        private string Date(int day) => start.AddDays(day).AddMinutes(random.Next(1440)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }



    private static string Csv(string field) => CorpusFiles.CsvField(field, ';');
}
