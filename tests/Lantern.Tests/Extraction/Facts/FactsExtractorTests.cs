using Lantern.Extraction.Facts;

namespace Lantern.Tests.Extraction.Facts;

public sealed class FactsExtractorTests
{
    private static ListingFacts Title(string title) => FactsExtractor.Default.Extract(title, null);

    [Theory]
    [InlineData("10x Xanax 2mg bars (Greenstone)", "alprazolam", "benzodiazepine", 2.0, "mg", "tablet", 10.0, "unit")]
    [InlineData("1/2 OZ - Blue Dream", "cannabis", "cannabinoid", null, null, "plant", 14.17, "g")]
    [InlineData("Etizolam 1mg x 100 - UK", "etizolam", "benzodiazepine", 1.0, "mg", "tablet", 100.0, "unit")]
    [InlineData("130εg LSD", "lsd", "psychedelic", 130.0, "ug", "blotter", null, null)]
    [InlineData("28g MDMA 84%", "mdma", "empathogen", 84.0, "%", "crystal", 28.0, "g")]
    [InlineData("5 x 80mg OxyContin", "oxycodone", "opioid", 80.0, "mg", "tablet", 5.0, "unit")]
    [InlineData("Hash 1 kg", "cannabis", "cannabinoid", null, null, "resin", 1000.0, "g")]
    [InlineData("Alprazolam 1мг 30 таблеток", "alprazolam", "benzodiazepine", 1.0, "mg", "tablet", 30.0, "unit")]
    public void TheIssueExamplesAreRead(string title, string drug, string drugClass, double? strength, string? strengthUnit, string form, double? quantity, string? quantityUnit)
    {
        var item = Title(title).Items[0];

        Assert.Equal(drug, item.Drug);
        Assert.Equal(drugClass, item.Class);
        Assert.Equal(form, item.Form);
        Assert.Equal(strength, (double?)item.Strength?.Value);
        Assert.Equal(strengthUnit, item.Strength?.Unit);
        Assert.Equal(quantity, (double?)item.Quantity?.Value);
        Assert.Equal(quantityUnit, item.Quantity?.Unit);
    }

    [Fact]
    public void EverySpanPointsAtWhatItSays()
    {
        const string title = "Xanax 2mg x 100 - Ships from Germany to EU - $150 - Escrow";
        var facts = Title(title);

        var item = Assert.Single(facts.Items);
        Assert.Equal("Xanax", title[item.Start..item.End]);
        Assert.Equal("2mg", title[item.StrengthSpan!.Start..item.StrengthSpan.End]);
        Assert.Equal("x 100", title[item.QuantitySpan!.Start..item.QuantitySpan.End]);
        Assert.Equal("$150", title[facts.Price!.Start..facts.Price.End]);
        Assert.All(facts.Routes, route => Assert.Equal(route.Raw, title[route.Start..route.End]));
        Assert.All(facts.Indicators, indicator => Assert.Equal(indicator.Raw, title[indicator.Start..indicator.End]));
        Assert.Equal(["DE"], facts.ShipsFrom);
        Assert.Equal(["EU"], facts.ShipsTo);
        Assert.Equal("escrow", Assert.Single(facts.Terms).Kind);
        Assert.Equal(new FactUnitPrice(1.5m, "USD", "unit"), facts.UnitPrice);
    }

    [Theory]
    [InlineData("OxyContin 80mg x 50 USA-USA", new[] { "US" }, new[] { "US" }, new string[0])]
    [InlineData("NL>WW 100g Speed", new[] { "NL" }, new[] { "WW" }, new string[0])]
    [InlineData("Shipping from Netherlands to Europe", new[] { "NL" }, new[] { "EU" }, new string[0])]
    [InlineData("USA ONLY - 100 Adderall 30mg", new string[0], new[] { "US" }, new string[0])]
    [InlineData("Cocaine 1g - ships to: Worldwide except USA, Australia", new string[0], new[] { "WW" }, new[] { "US", "AU" })]
    [InlineData("Versand aus Deutschland nach Österreich", new[] { "DE" }, new[] { "AT" }, new string[0])]
    [InlineData("Envío desde Colombia a España", new[] { "CO" }, new[] { "ES" }, new string[0])]
    [InlineData("Enviado desde Portugal para Brasil", new[] { "PT" }, new[] { "BR" }, new string[0])]
    [InlineData("Ships from Netherlands worldwide", new[] { "NL" }, new[] { "WW" }, new string[0])]
    [InlineData("Cocaine 1g, we ship worldwide", new string[0], new[] { "WW" }, new string[0])]
    public void RoutesAreReadAsIsoCodes(string title, string[] from, string[] to, string[] except)
    {
        var facts = Title(title);

        Assert.Equal(from, facts.ShipsFrom);
        Assert.Equal(to, facts.ShipsTo);
        Assert.Equal(except, facts.ShipsToExcept);
    }

    [Fact]
    public void NumbersInsideWalletsKeysAndSessionIdsAreNoAmounts()
    {
        var facts = FactsExtractor.Default.Extract(null, "MDMA crystal in stock, DM session 05ccb84f7131f244530db4e6ccf51bc98989173274396cc1721ed92064a3a0c716");
        Assert.Equal("mdma", facts.Items[0].Drug);
        Assert.Null(facts.Items[0].Quantity);

        Assert.Equal(new FactAmount(28m, "g"), Title("Cocaine 28g x1 bc1qtm47yfxr7zfly5w2wqgeujn0amg54ttq8zwut6").Items[0].Quantity);
    }

    [Fact]
    public void ASignedMessagesHashHeaderAndArmorAreNoListingText()
    {
        const string text = "Restock:\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nMDMA crystal back in\n-----BEGIN PGP SIGNATURE-----\nComment: Hash and weed\n\niQEz\n-----END PGP SIGNATURE-----\n"
            + "-----BEGIN PGP SIGNATURE-----\nan unterminated block hides nothing: ketamine too\n";

        var facts = FactsExtractor.Default.Extract(null, text);

        Assert.Equal(["mdma", "ketamine"], facts.Items.Select(item => item.Drug));
        Assert.Equal("cannabis", FactsExtractor.Default.Extract(null, "Hash: 5 g of the best").Items.Single().Drug);
    }

    [Fact]
    public void SmallCryptoPricesPerUnitAreKeptToTheSatoshi()
    {
        Assert.Equal(new FactUnitPrice(0.00002m, "BTC", "unit"), Title("100x Xanax 2mg 0.002 BTC").UnitPrice);
    }

    [Fact]
    public void AShortWordLeadsToADestinationOnlyRightAfterAPlace()
    {
        var facts = FactsExtractor.Default.Extract(null, "Envío desde España a todo el mundo");
        Assert.Equal(["ES"], facts.ShipsFrom);
        Assert.Equal(["WW"], facts.ShipsTo);
        Assert.Contains(facts.Indicators, indicator => indicator.Kind == IndicatorKinds.WorldwideShipping);

        Assert.Empty(FactsExtractor.Default.Extract(null, "Ships from a warehouse we trust").Routes);
    }

    [Fact]
    public void AShopPageWithPhoneNumbersFromSeveralCountriesCarriesThatLead()
    {
        const string text = "Call us: +1 212 555 0100, +44 7700 900123 or +91 98765 43210.";
        var numbers = new[] { "+1 212 555 0100", "+44 7700 900123", "+91 98765 43210" };
        var mentions = numbers.Select(number => new Mention(SelectorTypes.Phone, "+" + string.Concat(number.Where(char.IsAsciiDigit)), number,
            text.IndexOf(number, StringComparison.Ordinal), text.IndexOf(number, StringComparison.Ordinal) + number.Length, 0.9, false, "test")).ToList();
        var facts = FactsExtractor.Default.Extract("Contact", text);

        var page = FactsExtractor.WithContacts(facts, "page", mentions);
        var leads = page.Indicators.Where(indicator => indicator.Kind == IndicatorKinds.SeveralPhoneNumbers).ToList();
        Assert.Equal(numbers, leads.Select(indicator => indicator.Raw));
        Assert.All(leads, indicator => Assert.Equal(indicator.Raw, text[indicator.Start..indicator.End]));

        Assert.Same(facts, FactsExtractor.WithContacts(facts, "post", mentions));
        Assert.Same(facts, FactsExtractor.WithContacts(facts, "page", mentions.Take(2).ToList()));
        var oneCountry = mentions.Select((mention, index) => mention with { Value = $"+4477009001{index:D2}" }).ToList();
        Assert.Same(facts, FactsExtractor.WithContacts(facts, "page", oneCountry));
    }

    [Theory]
    [InlineData("Meet me IN the park, IT is fine AT noon", "no country codes that are everyday words")]
    [InlineData("Die Lieferung kommt aus dem Lager", "German 'aus' in lower case is not Australia")]
    public void EverydayWordsAreNoPlaces(string text, string why)
    {
        Assert.True(FactsExtractor.Default.Extract(null, text).Routes.Count == 0, why);
    }

    [Fact]
    public void CounterfeitAndIllicitMedicineIndicatorsCarryTheirEvidence()
    {
        var pressed = Title("Pressed M30 Blues x 100 - replica");
        Assert.Contains(pressed.Indicators, indicator => indicator is { Kind: IndicatorKinds.PressedPill, Raw: "M30" });
        Assert.Contains(pressed.Indicators, indicator => indicator is { Kind: IndicatorKinds.PressedPill, Raw: "replica" });
        Assert.Equal("oxycodone", pressed.Items[0].Drug);

        var press = Title("Pill Press TDP-5 with M30 die set and MCC binder");
        Assert.Empty(press.Items);
        Assert.Contains(press.Indicators, indicator => indicator is { Kind: IndicatorKinds.PillPress, Raw: "Pill Press" });
        Assert.Contains(press.Indicators, indicator => indicator is { Kind: IndicatorKinds.PillPress, Raw: "binder" });

        Assert.DoesNotContain(FactsExtractor.Default.Extract("Scam alert", "Somebody posts a fake payment address, do not send").Indicators,
            indicator => indicator.Kind == IndicatorKinds.PressedPill);

        var powder = Title("Alprazolam powder 10g");
        Assert.Contains(powder.Indicators, indicator => indicator is { Kind: IndicatorKinds.BulkApi, Raw: "powder" });

        var shop = FactsExtractor.Default.Extract("Buy Viagra online", "No prescription needed! Order via WhatsApp, pay with Bitcoin or Western Union. Worldwide shipping.");
        Assert.Equal(
            [IndicatorKinds.NoPrescription, IndicatorKinds.MessengerOrdering, IndicatorKinds.CryptoPayment, IndicatorKinds.MoneyTransferPayment, IndicatorKinds.WorldwideShipping],
            shop.Indicators.Where(indicator => indicator.Field == FactField.Text).Select(indicator => indicator.Kind));
        Assert.Contains(shop.Indicators, indicator => indicator is { Kind: IndicatorKinds.PharmaBrand, Raw: "Viagra", Field: FactField.Title });
        Assert.Contains(shop.Indicators, indicator => indicator is { Kind: IndicatorKinds.PrescriptionMedicine, Raw: "Viagra" });
    }

    [Fact]
    public void TheTitleSaysWhatIsSoldAndTheTextOnlyWhenTheTitleDoesNot()
    {
        var facts = FactsExtractor.Default.Extract("Ketamine 5g", "Also check my cocaine and MDMA listings. Ships from UK.");
        Assert.Equal("ketamine", Assert.Single(facts.Items).Drug);
        Assert.Equal(["GB"], facts.ShipsFrom);

        var post = FactsExtractor.Default.Extract(null, "Selling cocaine 1g for €80, ships from Spain");
        Assert.Equal("cocaine", Assert.Single(post.Items).Drug);
        Assert.Equal(FactField.Text, post.Items[0].Field);
        Assert.Equal(new FactUnitPrice(80m, "EUR", "g"), post.UnitPrice);
    }

    [Fact]
    public void AWeakWordNamesADrugOnlyAloneAndWithAnAmount()
    {
        Assert.Equal("cannabis", Assert.Single(Title("Amnesia 5g indoor").Items).Drug);
        Assert.Empty(Title("Amnesia, a film review").Items);
        Assert.Equal("mdma", Assert.Single(Title("MDMA Crystal 1g").Items).Drug);
    }

    [Fact]
    public void PricesPerUnitAndMicrogramSpellingsAreUnderstood()
    {
        Assert.Equal(new FactUnitPrice(25m, "USD", "unit"), Title("OxyContin 80mg x 50 $25 each").UnitPrice);
        Assert.Equal(new FactPrice(0.02m, "BTC", FactField.Title, 0, 8, "0.02 BTC"), Title("0.02 BTC - 10x Xanax 2mg").Price);
        foreach (var spelling in new[] { "150ug", "150 µg", "150μg", "150mcg", "150εg", "150 мкг" })
        {
            Assert.Equal(new FactAmount(150m, "ug"), Title($"LSD {spelling}").Items[0].Strength);
        }
    }

    [Fact]
    public void MessyInputNeverThrowsAndSpansStayInsideTheText()
    {
        var random = new Random(5);
        const string alphabet = "0123456789 xX/.,-+|;%$€£#()[]µεgmlkozabcXANAXmdmaUKUSAfromto\n\t\u00e9\u0301😀\ud800";
        for (var round = 0; round < 2000; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var facts = FactsExtractor.Default.Extract(text, text);
            foreach (var item in facts.Items)
            {
                Assert.InRange(item.Start, 0, item.End);
                Assert.InRange(item.End, item.Start, text.Length);
            }

            Assert.All(facts.Indicators, indicator => Assert.InRange(indicator.End, indicator.Start, text.Length));
        }

        Assert.True(FactsExtractor.Default.Extract(null, null).IsEmpty);
        Assert.True(FactsExtractor.Default.Extract("   ", "").IsEmpty);
        Assert.Same(RouteValue.None, FactsExtractor.Default.NormalizeRoute("Undeclared"));
    }
}
