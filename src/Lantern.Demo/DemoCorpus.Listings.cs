using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Lantern.Demo;

/// <summary>
/// The trade material of the demo, with what a listing sells as ground truth (<see cref="TruthFacts"/>): a
/// market whose vendors write in seven languages, counterfeit presses and pressing gear, and two more
/// surface-web pharmacies — an illegal one that gives several unrelated phone numbers and a licensed one that
/// asks for a prescription. It comes from a random stream of its own, so the rest of the corpus stays as it was.
/// </summary>
public sealed partial class DemoCorpus
{
    private const string Bazaar = "eurobazaar";
    private const string MedsShop = "247-meds-worldwide.com";
    private const string LicensedPharmacy = "apotheke-am-markt.de";

    /// <summary>A place as one language writes it, with its ISO code.</summary>
    private sealed record Place(string Code, string Name);

    /// <summary>How one language writes a listing: place names, the title's and text's shape, and amounts.</summary>
    private sealed record ListingLanguage(
        string Code,
        Place[] Origins,
        Place[] Destinations,
        string Title,
        string Text,
        string Grams,
        string Pieces,
        string Price,
        decimal PerEuro = 1m);

    /// <summary>A product as the language names it: the INN a labeller writes, and whether it is counted in pieces.</summary>
    private sealed record LocalProduct(string Drug, string Name, bool Pieces, string? Strength, decimal? StrengthValue, string? StrengthUnit, bool Prescription, bool Brand)
    {
        /// <summary>What a gram or a piece of it costs at retail, in euros.</summary>
        public decimal UnitPrice => Drug switch
        {
            "cocaine" => 65m,
            "mdma" => Pieces ? 7m : 28m,
            "alprazolam" or "etizolam" or "diazepam" or "tramadol" => 2.5m,
            "ketamine" => 25m,
            "cannabis" => 9m,
            "amphetamine" => 10m,
            "heroin" => 45m,
            "lsd" => 8m,
            _ => 20m,
        };
    }

    private static readonly ListingLanguage[] Languages =
    [
        new("en",
            [new("NL", "Netherlands"), new("DE", "Germany"), new("GB", "UK"), new("ES", "Spain"), new("US", "USA"), new("CA", "Canada")],
            [new("EU", "EU"), new("GB", "UK"), new("WW", "worldwide"), new("US", "USA")],
            "{quantity} {product} {strength} - {from}", "Ships from {from} to {to}. Price {price}, escrow only, stealth vacuum sealed.", "{0}g", "{0}x", "${0}", 1.1m),
        new("de",
            [new("DE", "Deutschland"), new("NL", "Niederlande"), new("AT", "Österreich"), new("CH", "Schweiz"), new("PL", "Polen")],
            [new("DE", "Deutschland"), new("EU", "EU"), new("AT", "Österreich")],
            "{product} {strength} {quantity} - Versand aus {from}", "Versand aus {from} nach {to}. Preis: {price}. Diskreter Versand, nur Treuhand.", "{0} g", "{0} Stück", "{0} €"),
        new("nl",
            [new("NL", "Nederland"), new("BE", "België")],
            [new("EU", "EU"), new("NL", "Nederland"), new("BE", "België"), new("DE", "Duitsland")],
            "{product} {strength} {quantity} | verzending vanuit {from}", "Verzending vanuit {from} naar {to}. Prijs {price}. Discreet verpakt.", "{0} gram", "{0} stuks", "€{0}"),
        new("fr",
            [new("FR", "France"), new("BE", "Belgique"), new("NL", "Pays-Bas"), new("ES", "Espagne")],
            [new("FR", "France"), new("EU", "Europe"), new("BE", "Belgique")],
            "{product} {strength} {quantity} - expédié de {from}", "Expédition depuis {from}, livraison vers {to}. Prix : {price}. Envoi discret.", "{0}g", "{0} comprimés", "{0}€"),
        new("es",
            [new("ES", "España"), new("PT", "Portugal"), new("CO", "Colombia"), new("FR", "Francia")],
            [new("ES", "España"), new("EU", "Europa"), new("WW", "todo el mundo")],
            "{product} {strength} {quantity} - envío desde {from}", "Envío desde {from} a {to}. Precio: {price}. Envío discreto.", "{0} gr", "{0} pastillas", "{0}€"),
        new("pt",
            [new("PT", "Portugal"), new("BR", "Brasil"), new("ES", "Espanha")],
            [new("PT", "Portugal"), new("EU", "Europa"), new("BR", "Brasil")],
            "{product} {strength} {quantity} - {from}", "Enviado desde {from} para {to}. Preço: {price}. Envio discreto.", "{0}g", "{0} comprimidos", "{0}€"),
        new("ru",
            [new("RU", "Россия"), new("UA", "Украина"), new("BY", "Беларусь"), new("KZ", "Казахстан")],
            [new("RU", "Россия"), new("KZ", "Казахстан"), new("BY", "Беларусь")],
            "{product} {strength} {quantity} - {from}", "Отправка из {from}, доставка в {to}. Цена: {price}. Закладки и почта.", "{0} г", "{0} шт", "{0} ₽", 95m),
    ];

    private static readonly Dictionary<string, LocalProduct[]> LocalProducts = new(StringComparer.Ordinal)
    {
        ["en"] =
        [
            new("cocaine", "Peruvian cocaine", false, "88%", 88m, "%", false, false),
            new("alprazolam", "Xanax bars", true, "2mg", 2m, "mg", true, true),
            new("ketamine", "Ketamine shards", false, null, null, null, true, false),
            new("mdma", "MDMA crystals", false, "84%", 84m, "%", false, false),
            new("etizolam", "Etizolam", true, "1mg", 1m, "mg", true, false),
            new("cannabis", "Amnesia Haze", false, null, null, null, false, false),
        ],
        ["de"] =
        [
            new("cocaine", "Kokain", false, "90%", 90m, "%", false, false),
            new("amphetamine", "Amphetamin Paste", false, null, null, null, false, false),
            new("cannabis", "Haschisch", false, null, null, null, false, false),
            new("diazepam", "Valium", true, "10mg", 10m, "mg", true, true),
            new("tramadol", "Tramadol", true, "100mg", 100m, "mg", true, false),
        ],
        ["nl"] =
        [
            new("mdma", "XTC pillen", true, "220mg", 220m, "mg", false, false),
            new("cocaine", "Cocaïne", false, "85%", 85m, "%", false, false),
            new("amphetamine", "Amfetamine", false, null, null, null, false, false),
            new("ketamine", "Ketamine", false, null, null, null, true, false),
        ],
        ["fr"] =
        [
            new("cocaine", "Cocaïne", false, "87%", 87m, "%", false, false),
            new("cannabis", "Résine de cannabis", false, null, null, null, false, false),
            new("mdma", "Ecstasy", true, "180mg", 180m, "mg", false, false),
            new("heroin", "Héroïne", false, null, null, null, false, false),
        ],
        ["es"] =
        [
            new("cocaine", "Cocaína", false, "92%", 92m, "%", false, false),
            new("mdma", "Éxtasis", true, "200mg", 200m, "mg", false, false),
            new("ketamine", "Ketamina", false, null, null, null, true, false),
            new("cannabis", "Marihuana", false, null, null, null, false, false),
        ],
        ["pt"] =
        [
            new("cocaine", "Cocaína", false, "90%", 90m, "%", false, false),
            new("cannabis", "Maconha", false, null, null, null, false, false),
            new("lsd", "LSD", true, "150ug", 150m, "ug", false, false),
        ],
        ["ru"] =
        [
            new("mephedrone", "Мефедрон", false, null, null, null, false, false),
            new("amphetamine", "Амфетамин", false, null, null, null, false, false),
            new("alpha-pvp", "Альфа-PVP", false, null, null, null, false, false),
            new("cannabis", "Марихуана", false, null, null, null, false, false),
        ],
    };

    /// <summary>Counterfeit presses and what they are made with: title, text, the drug a labeller writes (or none), amounts and the leads they carry.</summary>
    private static readonly (string Title, string Text, string? Drug, (decimal Value, string Unit)? Strength, (decimal Value, string Unit)? Quantity, string From, string[] To, string[] Indicators)[] Counterfeits =
    [
        ("M30 blues x100 - pressed oxycodone 30mg - USA", "Pressed in house, same as pharmacy M30s. Ships from USA, domestic only. Test your pills.",
            "oxycodone", (30m, "mg"), (100m, "unit"), "US", ["US"], ["pressed_pill", "prescription_medicine"]),
        ("Replica Xanax bars 2mg x500 (pressed)", "Our own press, 1:1 copy of the Greenstone bars. Ships from Canada.",
            "alprazolam", (2m, "mg"), (500m, "unit"), "CA", [], ["pressed_pill", "pharma_brand", "prescription_medicine"]),
        ("Fake Oxycontin OC 80 x50 - UK", "Generic oxycodone 80mg, pressed. UK to UK only.",
            "oxycodone", (80m, "mg"), (50m, "unit"), "GB", ["GB"], ["pressed_pill", "pharma_brand", "prescription_medicine"]),
        ("TDP-5 pill press + M30 die set", "Tablet press with custom dies, binder included. Ships from Netherlands worldwide.",
            null, null, null, "NL", ["WW"], ["pill_press", "worldwide_shipping"]),
        ("Microcrystalline cellulose binder 1kg", "MCC binder for pressing, pharma grade. Ships from Germany.",
            null, null, null, "DE", [], ["pill_press"]),
        ("Alprazolam powder 10g - raw powder for pressing", "Pure raw alprazolam powder, bulk API. Ships from China to worldwide.",
            "alprazolam", null, (10m, "g"), "CN", ["WW"], ["bulk_api", "prescription_medicine", "worldwide_shipping"]),
        ("Pressed Valium 10mg x200 - generic", "Generics made in our lab, ships from Poland.",
            "diazepam", (10m, "mg"), (200m, "unit"), "PL", [], ["pressed_pill", "pharma_brand", "prescription_medicine"]),
    ];

    private IEnumerable<(Dictionary<string, object?> Record, TruthDocument Truth)> MultilingualMarket(Random trade)
    {
        string[] first = ["euro", "alpen", "costa", "nord", "volga", "atlas", "delta", "lisboa"];
        string[] second = ["trade", "shop", "labs", "direct", "express", "supply"];
        var vendors = Languages.Select((language, index) => $"{first[index]}{second[trade.Next(second.Length)]}").ToList();
        var start = new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);
        for (var index = 0; index < Languages.Length; index++)
        {
            var language = Languages[index];
            foreach (var product in LocalProducts[language.Code])
            {
                for (var copy = 0; copy < 2; copy++)
                {
                    var origin = language.Origins[trade.Next(language.Origins.Length)];
                    var destination = language.Destinations[trade.Next(language.Destinations.Length)];
                    var count = product.Pieces ? new[] { 10, 25, 50, 100 }[trade.Next(4)] : new[] { 1, 2, 5, 10, 28 }[trade.Next(5)];
                    var quantity = string.Format(CultureInfo.InvariantCulture, product.Pieces ? language.Pieces : language.Grams, count);
                    var amount = (int)Math.Max(5m, Math.Round(product.UnitPrice * count * language.PerEuro * (0.85m + (0.3m * trade.Next(0, 100) / 100m))));
                    var title = language.Title.Replace("{quantity}", quantity, StringComparison.Ordinal).Replace("{product}", product.Name, StringComparison.Ordinal)
                        .Replace("{strength}", product.Strength ?? string.Empty, StringComparison.Ordinal).Replace("{from}", origin.Name, StringComparison.Ordinal);
                    var text = new DocText();
                    text.Add(language.Text.Replace("{from}", origin.Name, StringComparison.Ordinal).Replace("{to}", destination.Name, StringComparison.Ordinal)
                        .Replace("{price}", string.Format(CultureInfo.InvariantCulture, language.Price, amount), StringComparison.Ordinal));
                    var indicators = new List<string>();
                    if (product.Prescription)
                    {
                        indicators.Add("prescription_medicine");
                    }

                    if (product.Brand)
                    {
                        indicators.Add("pharma_brand");
                    }

                    if (destination.Code == "WW")
                    {
                        indicators.Add("worldwide_shipping");
                    }

                    var facts = new TruthFacts(language.Code, [product.Drug],
                        product.StrengthValue is { } strength ? new TruthAmount(strength, product.StrengthUnit!) : null,
                        new TruthAmount(count, product.Pieces ? "unit" : "g"),
                        [origin.Code], [destination.Code], indicators);
                    var (record, truth) = Record(Bazaar, vendors[index], "listing", Collapse(title), text, TradeDate(trade, start));
                    yield return (record, truth with { Facts = facts });
                }
            }
        }

        var pressVendor = $"{first[^1]}{second[trade.Next(second.Length)]}";
        foreach (var (title, body, drug, strength, quantity, from, to, indicators) in Counterfeits)
        {
            var text = new DocText();
            text.Add(body);
            var facts = new TruthFacts("en", drug is null ? [] : [drug],
                strength is { } s ? new TruthAmount(s.Value, s.Unit) : null, quantity is { } q ? new TruthAmount(q.Value, q.Unit) : null,
                [from], to, indicators);
            var (record, truth) = Record(Bazaar, pressVendor, "listing", title, text, TradeDate(trade, start));
            yield return (record, truth with { Facts = facts });
        }
    }

    /// <summary>
    /// An illegal online pharmacy as they are met on the surface web: no prescription, ordering by messenger,
    /// crypto or money transfer, worldwide shipping, and a contact page with phone numbers from several
    /// countries; and a licensed pharmacy that sells the same medicines on prescription only, which carries
    /// none of those signals.
    /// </summary>
    private IEnumerable<string> WriteTradePharmacies(string folder, SelectorForge tradeForge)
    {
        var trade = tradeForge.Random;
        (string Slug, string Title, string Drug, decimal Strength, string[] Extra)[] shopProducts =
        [
            ("tramadol-225mg", "Tramadol 225mg – no prescription needed – 24/7 Meds", "tramadol", 225m, []),
            ("modafinil-200mg", "Buy Modafinil 200mg online, worldwide delivery – 24/7 Meds", "modafinil", 200m, []),
            ("oxycontin-80mg", "OxyContin 80mg tablets without prescription – 24/7 Meds", "oxycodone", 80m, ["pharma_brand"]),
            ("ritalin-10mg", "Acheter Ritalin 10mg sans ordonnance – 24/7 Meds", "methylphenidate", 10m, ["pharma_brand"]),
        ];
        var shopFolder = Path.Combine(folder, MedsShop);
        Directory.CreateDirectory(shopFolder);
        foreach (var (slug, title, drug, strength, extra) in shopProducts)
        {
            var text = new DocText();
            text.Add($"{title.Split(" – ")[0]}\nNo prescription needed. We ship worldwide, discreet packaging.\n");
            text.Add($"Order by WhatsApp or Telegram. Pay by Western Union, MoneyGram or Bitcoin.\n90 tablets: ${trade.Next(150, 400)}\n");
            var indicators = new List<string> { "prescription_medicine", "no_prescription", "worldwide_shipping", "messenger_ordering", "money_transfer_payment", "crypto_payment" };
            indicators.AddRange(extra);
            var facts = new TruthFacts(slug.StartsWith("ritalin", StringComparison.Ordinal) ? "fr" : "en", [drug], new TruthAmount(strength, "mg"), null, [], ["WW"], indicators);
            yield return WritePage(shopFolder, MedsShop, "products/" + slug, slug, title, text, facts);
        }

        var contact = new DocText();
        contact.Add("Contact 24/7 Meds\nUSA: ");
        string[] regions = ["US", "GB", "IN", "AU"];
        foreach (var region in regions)
        {
            var phone = tradeForge.Phone(region);
            if (region != "US")
            {
                contact.Add($"\n{region switch { "GB" => "UK", "IN" => "India", _ => "Australia" }}: ");
            }

            contact.Selector("phone", phone, SelectorForge.WritePhone(phone, national: false));
        }

        contact.Add("\nWhatsApp orders 24/7. Payment: Bitcoin or Western Union.");
        yield return WritePage(shopFolder, MedsShop, "contact", "contact", "Contact – 24/7 Meds", contact,
            new TruthFacts("en", [], null, null, [], [], ["several_phone_numbers", "messenger_ordering", "crypto_payment", "money_transfer_payment"]));

        var licensedFolder = Path.Combine(folder, LicensedPharmacy);
        Directory.CreateDirectory(licensedFolder);
        var licensed = new DocText();
        licensed.Add("Tramadol 100mg, 50 Tabletten\nVerschreibungspflichtig: Abgabe nur gegen Vorlage eines ärztlichen Rezepts. ");
        licensed.Add("Versand innerhalb Deutschlands durch unsere zugelassene Versandapotheke.\nTelefon: ");
        var pharmacyPhone = tradeForge.Phone("DE");
        licensed.Selector("phone", pharmacyPhone, SelectorForge.WritePhone(pharmacyPhone, national: true));
        yield return WritePage(licensedFolder, LicensedPharmacy, "tramadol-100mg", "tramadol-100mg", "Tramadol 100 mg, 50 Tabletten – Apotheke am Markt", licensed,
            new TruthFacts("de", ["tramadol"], new TruthAmount(100m, "mg"), new TruthAmount(50m, "unit"), [], ["DE"], ["prescription_medicine"]));
    }

    private string WritePage(string folder, string site, string path, string file, string title, DocText text, TruthFacts facts)
    {
        var url = $"https://{site}/{path}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(HtmlEncoder.Default.Encode(title)).Append("</title>")
            .Append("<link rel=\"canonical\" href=\"").Append(url).Append("\"></head><body><main>");
        foreach (var line in text.Plain.Split('\n'))
        {
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(line)).Append("</p>");
        }

        html.Append("</main></body></html>\n");
        var filePath = Path.Combine(folder, file + ".html");
        File.WriteAllText(filePath, html.ToString());
        truthDocuments.Add(text.Truth(site, url, null, "page") with { Facts = facts });
        return filePath;
    }

    private static DateTimeOffset TradeDate(Random trade, DateTimeOffset from) => from.AddMinutes(trade.Next(0, 300 * 24 * 60));

    private static string Collapse(string title) => string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a labeller writes for the market listings of <see cref="Products"/>: the drug, its strength and what a unit of quantity is.</summary>
    private static readonly (string Drug, (decimal Value, string Unit)? Strength, bool Prescription)[] ProductTruth =
    [
        ("cocaine", null, false), ("cocaine", (90m, "%"), false), ("mdma", null, false), ("mdma", (200m, "mg"), false),
        ("ketamine", null, true), ("lsd", (150m, "ug"), false), ("alprazolam", (2m, "mg"), true), ("oxycodone", null, true),
        ("cannabis", null, false), ("cannabis", null, false), ("methamphetamine", null, false), ("heroin", null, false),
        ("psilocybin", null, false), ("amphetamine", null, false),
    ];

    /// <summary>Euros a unit (g or piece) of each of <see cref="Products"/> costs at retail, as European drug reports put them.</summary>
    private static readonly decimal[] UnitPrices = [60m, 70m, 25m, 8m, 25m, 8m, 3m, 20m, 10m, 9m, 45m, 45m, 8m, 10m];

    /// <summary>
    /// A listing's price: the unit price times the quantity, cheaper by the unit in bulk (a tenth off per tenfold), within
    /// ±15 % by <paramref name="spread"/> (20–899) and with <paramref name="cents"/> — two draws the generator has always made.
    /// </summary>
    private static string StreetPrice(int product, double quantity, int spread, int cents)
    {
        var bulk = (decimal)Math.Pow(quantity, -0.046);
        var noise = 0.85m + (0.3m * (spread - 20) / 880m);
        var euros = Math.Max(1m, Math.Floor(UnitPrices[product] * (decimal)quantity * bulk * noise));
        return string.Create(CultureInfo.InvariantCulture, $"{euros}.{cents}");
    }

    private static readonly Dictionary<string, string> CountryCodes = new(StringComparer.Ordinal)
    {
        ["Netherlands"] = "NL",
        ["Germany"] = "DE",
        ["Belgium"] = "BE",
        ["Spain"] = "ES",
        ["United Kingdom"] = "GB",
        ["France"] = "FR",
        ["Poland"] = "PL",
    };

    /// <summary>The facts of one of the two markets' listings; their indicators are not labelled (null), so only the amounts and routes count.</summary>
    private static TruthFacts MarketListingFacts(int product, double quantity, string origin)
    {
        var (drug, strength, _) = ProductTruth[product];
        var unit = Products[product].Unit == "g" ? "g" : "unit";
        // "3.5pcs" is no count: half a pill is not sold, so the labeller writes no quantity.
        var amount = unit == "unit" && quantity % 1 != 0 ? null : new TruthAmount((decimal)quantity, unit);
        return new TruthFacts("en", [drug], strength is { } s ? new TruthAmount(s.Value, s.Unit) : null,
            amount, [CountryCodes[origin]], ["EU", "GB"], null);
    }
}
