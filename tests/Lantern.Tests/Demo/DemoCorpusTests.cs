using System.Security.Cryptography;
using System.Text.Json;
using Lantern.Demo;
using Lantern.Extraction.Checksums;
using Lantern.Tests.Support;

namespace Lantern.Tests.Demo;

public sealed class DemoCorpusTests
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void AGroundTruthFileInAFolderThatDoesNotExistIsNotFoundNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "lantern-no-such-folder", "ground-truth.json");

        var error = Assert.Throws<NotFoundException>(() => GroundTruthFile.Read(path));

        Assert.Equal($"{path}: no such file", error.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameCorpus()
    {
        using var folder = new TempFolder();
        var first = DemoCorpus.Generate(folder.Combine("a"));
        var second = DemoCorpus.Generate(folder.Combine("b"));

        Assert.Equal(first.Files.Select(Path.GetFileName), second.Files.Select(Path.GetFileName));
        foreach (var (a, b) in first.Files.Zip(second.Files))
        {
            Assert.Equal(Hash(a), Hash(b));
        }

        Assert.Equal(Hash(first.GroundTruthPath), Hash(second.GroundTruthPath));
    }

    [Fact]
    public void GroundTruthSelectorsAreValidAndLookAlikesAreNot()
    {
        using var folder = new TempFolder();
        var manifest = DemoCorpus.Generate(folder.Path);
        var truth = JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(manifest.GroundTruthPath), Json)!;

        var selectors = truth.Documents.SelectMany(document => document.Selectors).ToList();
        foreach (var type in new[] { "btc", "email", "phone", "pgp", "telegram", "session", "onion", "ipv4", "xmr", "eth" })
        {
            Assert.Contains(selectors, selector => selector.Type == type);
        }

        Assert.Contains(selectors, selector => selector.Obfuscated && selector.Type == "email");
        Assert.Contains(selectors, selector => selector.Obfuscated && selector.Type == "onion");
        foreach (var selector in selectors)
        {
            Assert.True(IsValid(selector.Type, selector.Value), $"{selector.Type} {selector.Value} is not valid");
        }

        var lookAlikes = truth.Documents.SelectMany(document => document.LookAlikes).ToList();
        Assert.Contains(lookAlikes, lookAlike => lookAlike.Type == "btc");
        foreach (var lookAlike in lookAlikes)
        {
            Assert.False(IsValid(lookAlike.Type, lookAlike.Raw), $"look-alike {lookAlike.Raw} passes its checksum");
        }
    }

    [Fact]
    public void GroundTruthDescribesActorsHubsAndTheImpostor()
    {
        using var folder = new TempFolder();
        var manifest = DemoCorpus.Generate(folder.Path);
        var truth = JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(manifest.GroundTruthPath), Json)!;

        Assert.True(truth.Actors.Count(actor => actor.StrongHandles.Count >= 2) >= 8);
        Assert.Contains(truth.Actors, actor => actor.WeakHandles.Count > 0);
        var impostor = Assert.Single(truth.Impostors);
        var imitated = truth.Actors.Single(actor => actor.Id == impostor.Imitates);
        Assert.Contains(imitated.StrongHandles, handle => handle.EndsWith("/" + impostor.Handle.Split('/')[1], StringComparison.Ordinal));
        foreach (var hub in truth.Hubs)
        {
            var documents = truth.Documents.Where(document => document.Selectors.Any(selector => selector.Value == hub.Value)).ToList();
            Assert.True(documents.Select(document => document.Author).Distinct().Count() >= 5, $"hub {hub.Value} is carried by few handles");
        }
    }

    [Fact]
    public void TheDemoIngestsCleanlyAndEveryPlacedSelectorIsInItsDocument()
    {
        using var workspace = new TestWorkspace();
        var manifest = DemoCorpus.Generate(workspace.Folder.Combine("corpus"));
        var truth = JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(manifest.GroundTruthPath), Json)!;

        var report = workspace.Ingest([.. manifest.Files]);

        Assert.Empty(report.Problems);
        Assert.Equal(truth.Documents.Count, report.Added);
        using var command = workspace.Workspace.Connection.CreateCommand();
        command.CommandText = "SELECT site, source_id, text FROM documents";
        var texts = new Dictionary<(string, string), string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                texts[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
            }
        }

        foreach (var document in truth.Documents)
        {
            var text = texts[(document.Site, document.SourceId)];
            foreach (var selector in document.Selectors)
            {
                Assert.Contains(selector.Raw.Replace("\r", string.Empty, StringComparison.Ordinal), text, StringComparison.Ordinal);
            }
        }
    }

    private static bool IsValid(string type, string value) => type switch
    {
        "btc" => value.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) ? Bech32.DecodeSegwit("bc", value) is not null : Base58Check.Decode(value) is [0x00 or 0x05, ..],
        "eth" => value.StartsWith("0x", StringComparison.Ordinal) && Eip55.IsValid(value[2..]),
        "xmr" => MoneroBase58.DecodeAddress(value) is not null,
        "onion" => OnionV3.IsValid(value[..^".onion".Length]),
        "pgp" => value.Length == 40 && value.All(char.IsAsciiHexDigitUpper),
        "session" => value.Length == 66 && value.StartsWith("05", StringComparison.Ordinal),
        "phone" => PhoneNumbers.PhoneNumberUtil.GetInstance().IsValidNumber(PhoneNumbers.PhoneNumberUtil.GetInstance().Parse(value, null)),
        "email" => value.Contains('@', StringComparison.Ordinal) && value == value.ToLowerInvariant(),
        "ipv4" => System.Net.IPAddress.TryParse(value, out _),
        _ => value.Length > 0,
    };

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
