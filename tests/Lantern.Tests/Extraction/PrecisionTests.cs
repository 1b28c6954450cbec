using Lantern.Extraction;

namespace Lantern.Tests.Extraction;

public sealed class PrecisionTests
{
    private static readonly ExtractionContext Dutch = new("NL");

    private static IReadOnlyList<Mention> Extract(string text, ExtractionContext? context = null) => SelectorExtractor.Extract(text, context ?? Dutch).Mentions;

    [Theory]
    [InlineData("Price: €718.39, was €1,250.00 · 3 for $120")]
    [InlineData("Order #4471920335 shipped, tracking 3SABCD1234567 and ref 0612345678")]
    [InlineData("Posted 2025-03-14 10:22, updated 14/03/2025 and 14.03.2025")]
    [InlineData("tor browser 13.0.4, version 1.2.3.4, build 10.0.19041.1")]
    [InlineData("order no. 0031 6 1234 5678")]
    public void PricesOrderNumbersDatesAndVersionsAreNotPhonesOrIps(string text)
    {
        var found = Extract(text);
        Assert.DoesNotContain(found, mention => mention.Type is SelectorTypes.Phone or SelectorTypes.Ipv4 or SelectorTypes.Ipv6);
    }

    [Fact]
    public void NationalNumbersNeedACueAndTheCaseRegion()
    {
        Assert.Equal("+31612345678", Assert.Single(Extract("whatsapp 06 12345678")).Value);
        Assert.Empty(Extract("reference 06 12345678"));
        Assert.Empty(Extract("whatsapp 06 12345678", ExtractionContext.Default));
        Assert.Equal("+447911123456", Assert.Single(Extract("bulk deals +44 7911 123456")).Value);
        Assert.Equal("+4915112345678", Assert.Single(Extract("0049 151 12345678")).Value);
    }

    [Fact]
    public void AnAtNameIsATelegramHandleOnlyWithACueOrInsideATelegramExport()
    {
        Assert.Empty(Extract("thanks @greendragon for the fast ship"));
        Assert.Equal("greendragon", Assert.Single(Extract("telegram: @GreenDragon")).Value);
        Assert.Equal("greendragon", Assert.Single(Extract("thanks @greendragon", new ExtractionContext("NL", InTelegramExport: true))).Value);
        var email = Extract("telegram or mail greendragon@protonmail.com", new ExtractionContext("NL", InTelegramExport: true));
        Assert.Equal(SelectorTypes.Email, Assert.Single(email).Type);
    }

    [Fact]
    public void ATransactionHashIsNotAnEthereumAddressAndChecksumFailuresAreRejectedCandidates()
    {
        var hash = "0x" + new string('a', 64);
        Assert.Empty(Extract($"tx {hash}"));

        var result = SelectorExtractor.Extract("send to 1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mX now");

        Assert.Empty(result.Mentions);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(SelectorTypes.Btc, rejected.Type);
        Assert.Contains("checksum", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ObfuscatedFormsAreDecodedAndFlagged()
    {
        var found = Extract("mail me: frost [at] proton [dot] me, or ice(at)tutanota.com; contact snow at onionmail dot org. " +
            "mirror pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd[.]onion and sp3k262uwy4r2k3ycr5awluarykdpag6a7y33jxop4cs2lu5uz5sseqd dot onion");

        Assert.Equal(
            ["frost@proton.me", "ice@tutanota.com", "snow@onionmail.org", "pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd.onion", "sp3k262uwy4r2k3ycr5awluarykdpag6a7y33jxop4cs2lu5uz5sseqd.onion"],
            found.Select(mention => mention.Value));
        Assert.All(found, mention => Assert.True(mention.Obfuscated));
    }

    [Fact]
    public void EverydayAtAndDotAreNotEmailsWithoutAContactCue()
    {
        Assert.Empty(Extract("we met at noon dot com was down"));
        Assert.Empty(Extract("see you at home. dot the i's"));
    }

    [Fact]
    public void AnArmoredKeyBlockGivesItsFingerprintAndHidesItsBase64FromOtherExtractors()
    {
        var key = new Lantern.Demo.SelectorForge(7).PgpKey("Tester <t@example.org>");

        var result = SelectorExtractor.Extract($"my key:\n{key.Armored}\nthanks");

        var mention = Assert.Single(result.Mentions);
        Assert.Equal((SelectorTypes.Pgp, key.Fingerprint), (mention.Type, mention.Value));
        Assert.Equal(key.Armored, mention.Raw);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void ABareFortyHexRunIsAFingerprintOnlyAfterAPgpCue()
    {
        const string Hex = "3AA5C34D371F6E3A5E5C0D7B1C6FA2A81C3E8CDD";
        Assert.Empty(Extract($"commit {Hex.ToLowerInvariant()} fixed it"));
        Assert.Equal(Hex, Assert.Single(Extract($"PGP fingerprint {Hex.ToLowerInvariant()}")).Value);
    }

    [Fact]
    public void MessengerIdsNeedTheirCueWords()
    {
        var found = Extract("wickr: Frost_W · threema ID ABCD1234 · signal: frost.42");
        Assert.Equal(["wickr:frost_w", "threema:ABCD1234", "signal:frost.42"], found.Select(mention => mention.Key));
    }
}
