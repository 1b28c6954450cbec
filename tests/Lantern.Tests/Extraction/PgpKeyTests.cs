using Lantern.Demo;
using Lantern.Extraction;
using Lantern.Extraction.Validation;

namespace Lantern.Tests.Extraction;

/// <summary>Armored key blocks as vendors paste them: with or without headers and checksum line, and damaged in transit.</summary>
public sealed class PgpKeyTests
{
    private static readonly DemoPgpKey Key = new SelectorForge(7).PgpKey("vendor <vendor@example.org>");

    [Fact]
    public void AnArmoredBlockGivesThePrimaryKeysFingerprint()
    {
        var mention = Assert.Single(SelectorExtractor.Extract($"my key:\n{Key.Armored}\nthanks").Mentions);
        Assert.Equal((SelectorTypes.Pgp, Key.Fingerprint, "pgp-armored-key"), (mention.Type, mention.Value, mention.Rule));
    }

    [Fact]
    public void HeadersAndAMissingChecksumLineAreAccepted()
    {
        var lines = Key.Armored.Split('\n').ToList();
        lines.Insert(1, "Comment: https://example.org/key.asc");
        lines.Insert(1, "Version: GnuPG v2");
        Assert.Equal(Key.Fingerprint, PgpKeys.PrimaryFingerprint(string.Join("\r\n", lines)).Fingerprint);

        var withoutChecksum = Key.Armored.Split('\n').Where(line => !(line.Length == 5 && line[0] == '='));
        Assert.Equal(Key.Fingerprint, PgpKeys.PrimaryFingerprint(string.Join('\n', withoutChecksum)).Fingerprint);
    }

    [Fact]
    public void ADamagedBlockIsARejectedCandidateNamingTheChecksum()
    {
        var lines = Key.Armored.Split('\n');
        var bodyLine = Array.FindIndex(lines, line => line.Length == 64);
        var changed = lines[bodyLine].ToCharArray();
        changed[10] = changed[10] == 'A' ? 'B' : 'A';
        lines[bodyLine] = new string(changed);

        var result = SelectorExtractor.Extract(string.Join('\n', lines));
        Assert.Empty(result.Mentions);
        Assert.Contains("CRC-24", Assert.Single(result.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheChecksumMatchesRfc4880()
    {
        // CRC-24 of "123456789" with OpenPGP's initial value and polynomial.
        Assert.Equal(0x21CF02, PgpKeys.Crc24("123456789"u8));
    }
}
