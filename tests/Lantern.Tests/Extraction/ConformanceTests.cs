using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lantern.Extraction;
using Lantern.Extraction.Checksums;
using Lantern.Extraction.Validation;
using Lantern.Tests.Support;

namespace Lantern.Tests.Extraction;

/// <summary>Validators against published vectors, kept in tests/Lantern.Tests/Vectors with their sources and licences.</summary>
public sealed partial class ConformanceTests
{
    private static IReadOnlyList<Mention> Found(string text, string type) =>
        SelectorExtractor.Extract(text).Mentions.Where(mention => mention.Type == type).ToList();

    [Fact]
    public void EveryMainnetAddressOfBitcoinCoreIsAcceptedAndNormalized()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestData.Vectors("bitcoin-key_io_valid.json")));
        var checkedCount = 0;
        foreach (var entry in json.RootElement.EnumerateArray())
        {
            var meta = entry[2];
            if (meta.GetProperty("chain").GetString() != "main" || meta.GetProperty("isPrivkey").GetBoolean())
            {
                continue;
            }

            var address = entry[0].GetString()!;
            var expected = address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) ? address.ToLowerInvariant() : address;
            Assert.Equal(expected, Assert.Single(Found($"pay to {address} please", SelectorTypes.Btc)).Value);
            if (meta.TryGetProperty("tryCaseFlip", out var flip) && flip.GetBoolean())
            {
                Assert.Equal(expected, Assert.Single(Found(address.ToUpperInvariant(), SelectorTypes.Btc)).Value);
            }

            checkedCount++;
        }

        Assert.Equal(14, checkedCount);
    }

    [Fact]
    public void EveryInvalidEntryOfBitcoinCoreIsRejected()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestData.Vectors("bitcoin-key_io_invalid.json")));
        foreach (var entry in json.RootElement.EnumerateArray())
        {
            var text = entry[0].GetString()!;
            Assert.Empty(Found(text, SelectorTypes.Btc));
            Assert.Empty(Found(text.ToLowerInvariant(), SelectorTypes.Btc));
        }
    }

    [Theory]
    [InlineData("bip-0173.mediawiki")]
    [InlineData("bip-0350.mediawiki")]
    public void Bech32StringsAndSegwitAddressesFollowTheBip(string file)
    {
        var sections = BipSections(File.ReadAllLines(TestData.Vectors(file)));
        var encoding = file.Contains("0350", StringComparison.Ordinal) ? Bech32.Variant.Bech32m : Bech32.Variant.Bech32;
        var name = encoding == Bech32.Variant.Bech32m ? "Bech32m" : "Bech32";

        Assert.NotEmpty(sections[$"valid {name}"]);
        foreach (var text in sections[$"valid {name}"])
        {
            Assert.Equal(encoding, Bech32.Decode(text)?.Variant);
        }

        foreach (var text in sections[$"invalid {name}"])
        {
            Assert.NotEqual(encoding, Bech32.Decode(text)?.Variant);
        }

        foreach (var line in sections["valid segwit"])
        {
            var (address, script) = (line.Split('|')[0], line.Split('|')[1]);
            var hrp = address[..2].ToLowerInvariant();
            if (encoding == Bech32.Variant.Bech32 && char.ToLowerInvariant(address[3]) != 'q')
            {
                // BIP-173 listed segwit v1+ addresses in bech32; BIP-350 made bech32m mandatory for them.
                Assert.Null(Bech32.DecodeSegwit(hrp, address));
                continue;
            }

            var decoded = Bech32.DecodeSegwit(hrp, address);
            Assert.NotNull(decoded);
            var (version, program) = decoded.Value;
            var expected = Convert.ToHexStringLower([(byte)(version == 0 ? 0 : 0x50 + version), (byte)program.Length, .. program]);
            Assert.Equal(script, expected);
            if (hrp == "bc")
            {
                Assert.Equal(address.ToLowerInvariant(), Assert.Single(Found(address, SelectorTypes.Btc)).Value);
            }
        }

        Assert.NotEmpty(sections["invalid segwit"]);
        foreach (var address in sections["invalid segwit"])
        {
            Assert.Null(Bech32.DecodeSegwit("bc", address));
            Assert.Null(Bech32.DecodeSegwit("tb", address));
            Assert.Empty(Found(address, SelectorTypes.Btc));
        }
    }

    [Fact]
    public void MoneroEthereumAndOnionVectorsAreAcceptedOrRejected()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestData.Vectors("addresses.json")));
        var root = json.RootElement;
        IEnumerable<string> List(string type, string kind) => root.GetProperty(type).GetProperty(kind).EnumerateArray().Select(item => item.GetString()!);

        foreach (var address in List("xmr", "valid"))
        {
            Assert.Equal(address, Assert.Single(Found($"xmr: {address}", SelectorTypes.Xmr)).Value);
        }

        foreach (var address in List("xmr", "invalid"))
        {
            Assert.Empty(Found(address, SelectorTypes.Xmr));
        }

        foreach (var address in List("eth", "valid"))
        {
            Assert.Equal(address.ToLowerInvariant(), Assert.Single(Found($"send to {address}.", SelectorTypes.Eth)).Value);
        }

        foreach (var address in List("eth", "invalid_checksum"))
        {
            Assert.Empty(Found(address, SelectorTypes.Eth));
            Assert.Contains(SelectorExtractor.Extract(address).Rejected, rejected => rejected.Type == SelectorTypes.Eth);
        }

        foreach (var onion in List("onion", "valid"))
        {
            Assert.Equal(onion, Assert.Single(Found($"mirror http://{onion.ToUpperInvariant()}/login", SelectorTypes.Onion)).Value);
        }

        foreach (var onion in List("onion", "invalid"))
        {
            Assert.Empty(Found(onion, SelectorTypes.Onion));
        }
    }

    [Fact]
    public void JsonSchemaFormatCasesForEmailAndIpAddresses()
    {
        foreach (var (format, isValid) in new (string, Func<string, bool>)[]
        {
            ("email", EmailAddress.IsValid),
            ("ipv4", IpAddresses.IsIpv4),
            ("ipv6", text => IpAddresses.NormalizeIpv6(text) is not null),
        })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(TestData.Vectors($"jsonschema-format-{format}.json")));
            var cases = json.RootElement.EnumerateArray().SelectMany(group => group.GetProperty("tests").EnumerateArray())
                .Where(test => test.GetProperty("data").ValueKind == JsonValueKind.String).ToList();
            Assert.NotEmpty(cases);
            foreach (var test in cases)
            {
                var data = test.GetProperty("data").GetString()!;
                Assert.True(test.GetProperty("valid").GetBoolean() == isValid(data), $"{format} '{data}': {test.GetProperty("description").GetString()}");
            }
        }
    }

    [Fact]
    public void ClearlyValidAndClearlyInvalidIsEmailCases()
    {
        var tests = XDocument.Load(TestData.Vectors("isemail-tests.xml")).Root!.Elements("test").ToList();
        var valid = tests.Where(test => test.Element("category")?.Value == "ISEMAIL_VALID_CATEGORY").ToList();
        var invalid = tests.Where(test => test.Element("category")?.Value == "ISEMAIL_ERR").ToList();
        Assert.NotEmpty(valid);
        Assert.NotEmpty(invalid);
        foreach (var test in valid)
        {
            Assert.True(EmailAddress.IsValid(Decode(test)), $"valid: {test.Element("address")!.Value}");
        }

        foreach (var test in invalid)
        {
            Assert.False(EmailAddress.IsValid(Decode(test)), $"invalid: {test.Element("address")?.Value}");
        }
    }

    /// <summary>isemail writes control characters as Unicode "symbol for" characters (U+2400 + code).</summary>
    private static string Decode(XElement test) =>
        new((test.Element("address")?.Value ?? string.Empty).Select(c => c is >= '\u2400' and <= '\u241F' ? (char)(c - 0x2400) : c).ToArray());

    private static Dictionary<string, List<string>> BipSections(string[] lines)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            var heading = line switch
            {
                _ when line.StartsWith("The following strings are valid Bech32m", StringComparison.Ordinal) => "valid Bech32m",
                _ when line.StartsWith("The following strings are valid Bech32", StringComparison.Ordinal) => "valid Bech32",
                _ when line.StartsWith("The following string are not valid Bech32m", StringComparison.Ordinal) => "invalid Bech32m",
                _ when line.StartsWith("The following string are not valid Bech32", StringComparison.Ordinal) => "invalid Bech32",
                _ when line.StartsWith("The following list gives valid segwit", StringComparison.Ordinal) => "valid segwit",
                _ when line.StartsWith("The following list gives invalid segwit", StringComparison.Ordinal) => "invalid segwit",
                _ => null,
            };
            if (heading is not null)
            {
                sections[heading] = current = [];
                continue;
            }

            var item = BipItem().Match(line);
            if (current is null || !item.Success)
            {
                if (line.StartsWith("===", StringComparison.Ordinal))
                {
                    current = null;
                }

                continue;
            }

            var text = item.Groups["text"].Value.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);
            if (item.Groups["before"].Success)
            {
                text = (char)Convert.ToInt32(item.Groups["before"].Value, 16) + text;
            }

            if (item.Groups["after"].Success)
            {
                text += (char)Convert.ToInt32(item.Groups["after"].Value, 16);
            }

            current.Add(item.Groups["script"].Success ? $"{text}|{item.Groups["script"].Value}" : text);
        }

        return sections;
    }

    [GeneratedRegex(@"^\* (?:0x(?<before>[0-9A-F]{2}) \+ )?<tt>(?<text>.*?)</tt>(?: \+ 0x(?<after>[0-9A-F]{2}))?(?::? ?<tt>(?<script>[0-9a-f]+)</tt>)?")]
    private static partial Regex BipItem();
}
