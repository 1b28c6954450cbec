using Lantern.Extraction;
using Lantern.Graph;
using Lantern.Tests.Support;

namespace Lantern.Tests.Extraction;

/// <summary>Selectors on text shaped like real marketplace and forum scrapes: software listings, old forum posts, misspelt cues.</summary>
public sealed class RealScrapeSelectorTests
{
    private static IReadOnlyList<Mention> Extract(string text) => SelectorExtractor.Extract(text, new ExtractionContext("NL")).Mentions;

    [Theory]
    [InlineData("Zeus 2.0.8.9 full pack with builder and web panel, 0.02 BTC")]
    [InlineData("BetaBot 1.7.0.1 cracked + manual, instant delivery")]
    [InlineData("Citadel 0.0.1.1 source code leaked")]
    [InlineData("Citadel 1.3.5.1-beta with AV evasion")]
    [InlineData("SpyEye 1.3.48.3 and Carberp 2.5.1.4.x bundle")]
    [InlineData("Our servers are bulletproof. Zeus 2.0.8.9 is still the best banker")]
    [InlineData("C2 panel for KINS 2.0.8.9 included")]
    [InlineData("updated to 10.14.6.1 yesterday, protobuf 3.21.12.0 and see section 4.2.1.3")]
    [InlineData("changelog 2017.05.12.1 and 1.2.3.4.5.6")]
    [InlineData("Lokibot v 2.0.8.9 - Lokibot build 4.6.10.2")]
    public void VersionNumbersInSoftwareListingsAreNotAddresses(string text)
    {
        var result = SelectorExtractor.Extract(text);

        Assert.DoesNotContain(result.Mentions, mention => mention.Type == SelectorTypes.Ipv4);
    }

    [Theory]
    [InlineData("IP: 185.23.4.7", "185.23.4.7")]
    [InlineData("please connect to 91.121.3.4:8080 with the bot", "91.121.3.4")]
    [InlineData("185.23.4.7 - - [10/Oct/2017:13:55:36 +0000] \"GET /login HTTP/1.1\" 200 512", "185.23.4.7")]
    [InlineData("my vps 46.166.160.5 got seized, use a VPN", "46.166.160.5")]
    [InlineData("panel hosted at OVH 91.121.3.4 since May", "91.121.3.4")]
    [InlineData("socks5 proxy 5.188.62.140 working", "5.188.62.140")]
    public void AddressesInUseAreConfident(string text, string address)
    {
        var mention = Assert.Single(Extract(text), mention => mention.Type == SelectorTypes.Ipv4);

        Assert.Equal(address, mention.Value);
        Assert.True(mention.Confidence >= MentionConfidence.Linkable);
    }

    [Fact]
    public void AnAddressWithNoCueIsShownButNotLinkable()
    {
        var mention = Assert.Single(Extract("random text 77.88.55.60 here"));

        Assert.Equal("ipv4-uncued", mention.Rule);
        Assert.True(mention.Confidence < MentionConfidence.Linkable);
    }

    [Fact]
    public void VersionNumbersAreRejectedCandidatesWithAReason()
    {
        var rejected = Assert.Single(SelectorExtractor.Extract("Zeus 2.0.8.9 full pack").Rejected);

        Assert.Equal("2.0.8.9", rejected.Raw);
        Assert.Contains("version", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UncuedAddressesLinkNoHandles()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("listings.jsonl", """
            {"id":"1","site":"m","author":"alpha","text":"fresh stock, mirror 77.88.55.60 sometimes"}
            {"id":"2","site":"m","author":"beta","text":"stock list 77.88.55.60 updated"}
            {"id":"3","site":"m","author":"gamma","text":"my server IP: 185.23.4.7"}
            {"id":"4","site":"m","author":"delta","text":"connect to 185.23.4.7:8080"}

            """));
        var links = workspace.Session();

        Assert.False(links.Path("m/alpha", "m/beta").Found);
        Assert.True(workspace.Session().Path("m/gamma", "m/delta").Found);
    }

    [Fact]
    public void LegacyV2OnionsInOldForumPostsAreFoundAndFlagged()
    {
        var found = Extract("""
            [2014-03-02 18:22] Welcome to the new market: silkroad6ownowfk.onion (mirror agorahooawayyfoe.onion)
            Forum moved to http://dkn255hz262ypmii.onion/index.php?topic=123, backup pandorajodqp5zrr[.]onion
            """).Where(mention => mention.Type == SelectorTypes.Onion).ToList();

        Assert.Equal(["silkroad6ownowfk.onion", "agorahooawayyfoe.onion", "dkn255hz262ypmii.onion", "pandorajodqp5zrr.onion"], found.Select(mention => mention.Value));
        Assert.All(found, mention => Assert.Equal(SelectorExtractor.LegacyOnionRule, mention.Rule));
        Assert.True(found[^1].Obfuscated);
    }

    [Fact]
    public void SelectorListingsCarryTheLegacyFlag()
    {
        using var workspace = new TestWorkspace();
        workspace.Ingest(workspace.Folder.File("forum.jsonl", "{\"id\":\"1\",\"site\":\"f\",\"author\":\"a\",\"text\":\"new address silkroad6ownowfk.onion\"}\n"));

        var summary = Assert.Single(new Lantern.Storage.MentionStore(workspace.Workspace.Connection).Summaries(SelectorTypes.Onion, 1, 10));

        Assert.Equal([SelectorExtractor.LegacyOnionRule], summary.Rules);
    }

    [Fact]
    public void ALongerRunOrAV3HostIsNotAV2Onion()
    {
        Assert.Empty(Extract("see xsilkroad6ownowfk.onion and silkroad6ownowfk2.onion"));
    }

    [Theory]
    [InlineData("ICQ: 123456789", "123456789")]
    [InlineData("contact icq# 555-123-456 after 6pm", "555123456")]
    [InlineData("ICQ UIN 12345678 (no sms)", "12345678")]
    [InlineData("Аська / ICQ 6543210", "6543210")]
    public void IcqNumbersFollowTheirCue(string text, string uin)
    {
        var mention = Assert.Single(Extract(text));

        Assert.Equal(SelectorTypes.Icq, mention.Type);
        Assert.Equal(uin, mention.Value);
    }

    [Theory]
    [InlineData("order 123456789 shipped")]
    [InlineData("ICQ: 0123")]
    [InlineData("icq 12345678901234")]
    public void NumbersWithoutTheCueOrTheSyntaxAreNotIcq(string text)
    {
        Assert.DoesNotContain(Extract(text), mention => mention.Type == SelectorTypes.Icq);
    }

    [Theory]
    [InlineData("Contact me Wikr:: ketking_nl for bulk", SelectorTypes.Wickr, "ketking_nl")]
    [InlineData("Wicker: frostyvendor", SelectorTypes.Wickr, "frostyvendor")]
    [InlineData("wikr id: frostyvendor", SelectorTypes.Wickr, "frostyvendor")]
    [InlineData("Signa1: frost.42", SelectorTypes.Signal, "frost.42")]
    [InlineData("singal = frost.42", SelectorTypes.Signal, "frost.42")]
    [InlineData("threma: ABCD1234", SelectorTypes.Threema, "ABCD1234")]
    [InlineData("telegarm @ketking_nl", SelectorTypes.Telegram, "ketking_nl")]
    [InlineData("tlgrm: @frosty_vendor", SelectorTypes.Telegram, "frosty_vendor")]
    public void MisspeltMessengerCuesStillAnnounceTheId(string text, string type, string value)
    {
        var mention = Assert.Single(Extract(text));

        Assert.Equal(type, mention.Type);
        Assert.Equal(value, mention.Value);
    }

    [Theory]
    [InlineData("wicker basket for sale, wick: cotton, signals: strong 3 bars")]
    [InlineData("Wicked: awesome stuff")]
    [InlineData("singles: frost.42")]
    [InlineData("thanks @ketking_nl for the telescope")]
    [InlineData("http://wikr:password@example")]
    [InlineData("Threema: abcd")]
    public void EverydayWordsNearACueAreNotMessengerIds(string text)
    {
        Assert.DoesNotContain(Extract(text), mention => mention.Type is SelectorTypes.Wickr or SelectorTypes.Signal or SelectorTypes.Threema or SelectorTypes.Telegram);
    }

    [Fact]
    public void AMisspeltWhatsAppCueIntroducesANationalNumber()
    {
        Assert.Equal("+31612345678", Assert.Single(Extract("whatsap 06 12345678")).Value);
    }

    [Theory]
    [InlineData("wickr", SelectorTypes.Wickr)]
    [InlineData("Wikr", SelectorTypes.Wickr)]
    [InlineData("WICKER", SelectorTypes.Wickr)]
    [InlineData("telegarm", SelectorTypes.Telegram)]
    [InlineData("telegramm", SelectorTypes.Telegram)]
    [InlineData("Signa1", SelectorTypes.Signal)]
    [InlineData("icq", SelectorTypes.Icq)]
    [InlineData("wick", null)]
    [InlineData("icy", null)]
    [InlineData("television", null)]
    [InlineData("sign", null)]
    public void CueWordsToleratesOneEditOnLongNamesOnly(string word, string? type)
    {
        Assert.Equal(type, CueWords.Messenger(word));
    }
}
