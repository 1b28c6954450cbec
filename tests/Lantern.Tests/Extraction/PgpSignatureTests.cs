using System.Text;
using System.Text.Json;
using Lantern.Extraction;
using Lantern.Tests.Support;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Lantern.Tests.Extraction;

/// <summary>Signed posts, canaries and detached signatures, made here with a real key, as vendors paste them.</summary>
public sealed class PgpSignatureTests
{
    private static readonly SigningKey Vendor = SigningKey.Create(11, withSigningSubkey: false);

    private const string Announcement = "Canary for November: all good.\nNew address below, trailing spaces here:   \n-- do not trust other mirrors\n\nBTC 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";

    [Fact]
    public void AClearSignedMessageNamesItsSignersKeyByFingerprint()
    {
        var keyMention = Assert.Single(SelectorExtractor.Extract(Vendor.Armored).Mentions);
        var text = "posted by me:\n" + Vendor.ClearSign(Announcement, issuerFingerprint: true) + "\nstay safe";

        var result = SelectorExtractor.Extract(text);

        var mention = Assert.Single(result.Mentions, mention => mention.Type == SelectorTypes.Pgp);
        Assert.Equal((keyMention.Value, "pgp-signature"), (mention.Value, mention.Rule));
        Assert.StartsWith("-----BEGIN PGP SIGNED MESSAGE-----", mention.Raw, StringComparison.Ordinal);
        Assert.EndsWith("-----END PGP SIGNATURE-----", mention.Raw, StringComparison.Ordinal);
        Assert.Equal(mention.Raw, text[mention.Start..mention.End]);
        // The selectors the signed text announces are still found.
        Assert.Contains(result.Mentions, other => other.Type == SelectorTypes.Btc);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void ASignatureVerifiesWhenItsKeyIsInTheSameDocument()
    {
        var text = Vendor.ClearSign(Announcement, issuerFingerprint: true) + "\n\nmy key:\n" + Vendor.Armored;

        var signature = Assert.Single(SelectorExtractor.Extract(text).Mentions, mention => mention.Raw.Contains("SIGNED MESSAGE", StringComparison.Ordinal));

        Assert.Equal((Vendor.Fingerprint, "pgp-signature-verified", 1.0), (signature.Value, signature.Rule, signature.Confidence));
    }

    [Fact]
    public void AnAlteredMessageIsStillTheKeysSignatureButNotVerified()
    {
        var text = Vendor.ClearSign(Announcement, issuerFingerprint: true).Replace("all good", "all bad", StringComparison.Ordinal) + "\n" + Vendor.Armored;

        var signature = Assert.Single(SelectorExtractor.Extract(text).Mentions, mention => mention.Raw.Contains("SIGNED MESSAGE", StringComparison.Ordinal));

        Assert.Equal((Vendor.Fingerprint, "pgp-signature"), (signature.Value, signature.Rule));
    }

    [Fact]
    public void LineEndingsAndTrailingWhitespaceDoNotBreakVerification()
    {
        var signed = Vendor.ClearSign(Announcement, issuerFingerprint: true);
        var crlf = signed.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("all good.", "all good.\t ", StringComparison.Ordinal);

        var signature = Assert.Single(SelectorExtractor.Extract(crlf + "\r\n" + Vendor.Armored).Mentions, mention => mention.Raw.Contains("SIGNED MESSAGE", StringComparison.Ordinal));

        Assert.Equal("pgp-signature-verified", signature.Rule);
    }

    [Fact]
    public void ASigningSubkeysSignatureNamesThePrimaryKeyWhenTheKeyBlockIsAtHand()
    {
        var vendor = SigningKey.Create(12, withSigningSubkey: true);
        var text = vendor.ClearSign("signed with my subkey", issuerFingerprint: true);

        var alone = Assert.Single(SelectorExtractor.Extract(text).Mentions);
        var withKey = Assert.Single(SelectorExtractor.Extract(text + "\n" + vendor.Armored).Mentions, mention => mention.Rule.StartsWith("pgp-signature", StringComparison.Ordinal));

        Assert.Equal(vendor.SignerFingerprint, alone.Value);
        Assert.NotEqual(vendor.Fingerprint, vendor.SignerFingerprint);
        Assert.Equal((vendor.Fingerprint, "pgp-signature-verified"), (withKey.Value, withKey.Rule));
    }

    [Fact]
    public void ADetachedSignatureNamesItsSigner()
    {
        var text = "sig for the tarball:\n" + Vendor.DetachedSign("release 1.2"u8.ToArray());

        var mention = Assert.Single(SelectorExtractor.Extract(text).Mentions);

        Assert.Equal((Vendor.Fingerprint, "pgp-signature"), (mention.Value, mention.Rule));
        Assert.StartsWith("-----BEGIN PGP SIGNATURE-----", mention.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyIdAloneIsARejectedCandidateNamingTheKeyId()
    {
        var result = SelectorExtractor.Extract(Vendor.ClearSign(Announcement, issuerFingerprint: false));

        Assert.DoesNotContain(result.Mentions, mention => mention.Type == SelectorTypes.Pgp);
        var rejected = Assert.Single(result.Rejected);
        Assert.Contains(Vendor.KeyId.ToString("X16", null), rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("key ID", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtractExplainShowsTheKeyIdRejectionOnceAndNoSelector()
    {
        var text = "canary\n" + Vendor.ClearSign(Announcement, issuerFingerprint: false) + "\n" + new string('x', 3000);

        var result = LanternProcess.RunWithInput(Path.GetTempPath(), text, "extract", "--explain", "--json");
        var streamed = StreamingSelectorExtractor.ExtractWithRejected(new StringReader(text), null, chunkChars: 256, overlapChars: 128).SelectMany(window => window.Rejected).ToList();

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.DoesNotContain(lines, line => line.GetProperty("type").GetString() == SelectorTypes.Pgp && !line.TryGetProperty("rejected", out _));
        var rejected = Assert.Single(lines, line => line.TryGetProperty("rejected", out _));
        Assert.Contains(Vendor.KeyId.ToString("X16", null), rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(text.IndexOf("-----BEGIN PGP SIGNATURE", StringComparison.Ordinal), Assert.Single(streamed).Start);
    }

    [Fact]
    public void AKeyIdSignatureThatVerifiesWithAKeyInTheDocumentNamesThatKey()
    {
        var text = Vendor.ClearSign(Announcement, issuerFingerprint: false) + "\n" + Vendor.Armored;

        var signature = Assert.Single(SelectorExtractor.Extract(text).Mentions, mention => mention.Raw.Contains("SIGNED MESSAGE", StringComparison.Ordinal));

        Assert.Equal((Vendor.Fingerprint, "pgp-signature-verified"), (signature.Value, signature.Rule));
    }

    [Fact]
    public void BrokenArmorIsARejectedCandidateWithTheReason()
    {
        var signed = Vendor.ClearSign(Announcement, issuerFingerprint: true);
        var lines = signed.Split('\n');
        var bodyLine = Array.FindIndex(lines, Array.FindIndex(lines, line => line.StartsWith("-----BEGIN PGP SIGNATURE", StringComparison.Ordinal)), line => line.Length == 64);
        var changed = lines[bodyLine].ToCharArray();
        changed[5] = changed[5] == 'A' ? 'B' : 'A';
        lines[bodyLine] = new string(changed);

        var damaged = SelectorExtractor.Extract(string.Join('\n', lines));
        var notBase64 = SelectorExtractor.Extract("-----BEGIN PGP SIGNATURE-----\n\nthis is not a signature at all!\n-----END PGP SIGNATURE-----");
        var aKeyInstead = SelectorExtractor.Extract(Vendor.Armored.Replace("PUBLIC KEY BLOCK", "SIGNATURE", StringComparison.Ordinal));

        Assert.DoesNotContain(damaged.Mentions, mention => mention.Type == SelectorTypes.Pgp);
        Assert.Contains("CRC-24", Assert.Single(damaged.Rejected).Reason, StringComparison.Ordinal);
        Assert.Contains("base64", Assert.Single(notBase64.Rejected).Reason, StringComparison.Ordinal);
        Assert.Contains("public key, not a signature", Assert.Single(aKeyInstead.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedAndNestedBlocksAreRejectedAndTheNextBlockStillRead()
    {
        var good = Vendor.DetachedSign("x"u8.ToArray());
        var text = "-----BEGIN PGP SIGNATURE-----\nabc\n" + good + "\nand then -----BEGIN PGP SIGNATURE----- with no end";

        var result = SelectorExtractor.Extract(text);

        Assert.Equal(Vendor.Fingerprint, Assert.Single(result.Mentions).Value);
        Assert.Equal(2, result.Rejected.Count);
        Assert.All(result.Rejected, rejected => Assert.Contains("no -----END PGP SIGNATURE----- line", rejected.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void HostileBlocksNeitherThrowNorTakeQuadraticTime()
    {
        var random = new Random(5);
        var garbage = new byte[150_000];
        random.NextBytes(garbage);
        var huge = "-----BEGIN PGP SIGNATURE-----\n\n" + Convert.ToBase64String(garbage, Base64FormattingOptions.InsertLineBreaks) + "\n-----END PGP SIGNATURE-----";
        var manyOpen = string.Concat(Enumerable.Repeat("-----BEGIN PGP SIGNED MESSAGE-----\n-----BEGIN PGP SIGNATURE-----\nAAAA\n", 5_000));
        var many = string.Concat(Enumerable.Repeat(Vendor.DetachedSign("x"u8.ToArray()) + "\n", 2_000));

        Assert.Empty(SelectorExtractor.Extract(huge).Mentions);
        Assert.Equal(5_000, SelectorExtractor.Extract(manyOpen).Rejected.Count);
        Assert.Equal(2_000, SelectorExtractor.Extract(many).Mentions.Count);
        // Verification is bounded per document: the rest of thousands of signed copies stay unverified signatures of the key.
        var copies = SelectorExtractor.Extract(Vendor.Armored + "\n" + string.Concat(Enumerable.Repeat(Vendor.ClearSign(Announcement, issuerFingerprint: true) + "\n", 1_000))).Mentions;
        Assert.Equal(256, copies.Count(mention => mention.Rule == "pgp-signature-verified"));
        Assert.Equal(1_001, copies.Count(mention => mention.Value == Vendor.Fingerprint));

        // Every byte of a real signature flipped in turn: a rejection or a mention, never an exception.
        var signature = Vendor.DetachedSign("x"u8.ToArray());
        var bytes = PgpPacketBytes(signature);
        for (var index = 0; index < bytes.Length; index++)
        {
            var mutated = bytes.ToArray();
            mutated[index] ^= (byte)(1 + random.Next(255));
            var result = SelectorExtractor.Extract("-----BEGIN PGP SIGNATURE-----\n\n" + Convert.ToBase64String(mutated) + "\n-----END PGP SIGNATURE-----");
            Assert.True(result.Mentions.Count + result.Rejected.Count == 1, $"byte {index}: {Convert.ToBase64String(mutated)}");
        }
    }

    [Fact]
    public void AHandlePostingASignedMessageAndOnePostingTheKeyAreOneAlias()
    {
        using var workspace = new TestWorkspace();
        string Line(string id, string site, string author, string kind, string text) =>
            JsonSerializer.Serialize(new { id, site, author, kind, text });
        workspace.Ingest(workspace.Folder.File("posts.jsonl", string.Join('\n',
            Line("1", "dread", "north_vendor", "post", "Canary, signed as always:\n" + Vendor.ClearSign(Announcement, issuerFingerprint: true)),
            Line("2", "market", "NorthVendor", "profile", "Contact me. My key:\n" + Vendor.Armored),
            Line("3", "market", "OtherVendor", "listing", "key:\n" + SigningKey.Create(13, withSigningSubkey: false).Armored)) + "\n"));

        var clusters = workspace.Session().Aliases();

        var cluster = Assert.Single(clusters, cluster => cluster.Strong && cluster.Members.Contains("dread/north_vendor"));
        Assert.Contains("market/NorthVendor", cluster.Members);
        Assert.Contains(cluster.Evidence, evidence => evidence.Rule == "shared-own-pgp" && evidence.Value == Vendor.Fingerprint);
        Assert.DoesNotContain("market/OtherVendor", cluster.Members);
    }

    private static byte[] PgpPacketBytes(string armored)
    {
        var lines = armored.Split('\n');
        var body = lines.SkipWhile(line => line.Length > 0).Skip(1).TakeWhile(line => !line.StartsWith('=') && !line.StartsWith('-'));
        return Convert.FromBase64String(string.Concat(body));
    }

    /// <summary>A real RSA key (deterministic for its seed), optionally with a separate signing subkey, and the signatures it makes.</summary>
    private sealed class SigningKey
    {
        private readonly PgpPrivateKey signer;
        private readonly PgpPublicKey signerPublic;

        private SigningKey(string armored, PgpPublicKey primary, PgpPublicKey signerPublic, PgpPrivateKey signer)
        {
            Armored = armored;
            Fingerprint = Convert.ToHexString(primary.GetFingerprint());
            this.signerPublic = signerPublic;
            this.signer = signer;
        }

        public string Armored { get; }

        public string Fingerprint { get; }

        public string SignerFingerprint => Convert.ToHexString(signerPublic.GetFingerprint());

        public long KeyId => signerPublic.KeyId;

        public static SigningKey Create(int seed, bool withSigningSubkey)
        {
            var random = SecureRandom.GetInstance("SHA256PRNG", autoSeed: false);
            random.SetSeed(BitConverter.GetBytes(seed));
            var created = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            PgpKeyPair Pair(int bits)
            {
                var generator = new RsaKeyPairGenerator();
                generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), random, bits, 80));
                return new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), created);
            }

            var primary = Pair(2048);
            var self = new PgpSignatureSubpacketGenerator();
            self.SetSignatureCreationTime(false, created);
            var rings = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, primary, $"vendor{seed} <v{seed}@example.org>", SymmetricKeyAlgorithmTag.Aes256,
                "test".ToCharArray(), true, self.Generate(), null, random);
            var signing = primary;
            if (withSigningSubkey)
            {
                signing = Pair(1024);
                var binding = new PgpSignatureSubpacketGenerator();
                binding.SetSignatureCreationTime(false, created);
                binding.SetKeyFlags(false, PgpKeyFlags.CanSign);
                rings.AddSubKey(signing, binding.Generate(), null);
            }

            using var buffer = new MemoryStream();
            using (var armor = new ArmoredOutputStream(buffer))
            {
                rings.GeneratePublicKeyRing().Encode(armor);
            }

            var armored = Encoding.ASCII.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            return new SigningKey(armored, primary.PublicKey, signing.PublicKey, signing.PrivateKey);
        }

        /// <summary>A clear-signed message as GnuPG writes one (RFC 4880 §7): dash-escaped text, then the armored signature.</summary>
        public string ClearSign(string text, bool issuerFingerprint)
        {
            var lines = text.Split('\n');
            var canonical = string.Join("\r\n", lines.Select(line => line.TrimEnd(' ', '\t')));
            var signature = Sign(PgpSignature.CanonicalTextDocument, Encoding.UTF8.GetBytes(canonical), issuerFingerprint);
            var escaped = lines.Select(line => line.StartsWith('-') ? "- " + line : line);
            return "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + string.Join('\n', escaped) + "\n" + Armor(signature);
        }

        public string DetachedSign(byte[] data) => Armor(Sign(PgpSignature.BinaryDocument, data, issuerFingerprint: true));

        private PgpSignature Sign(int type, byte[] data, bool issuerFingerprint)
        {
            var generator = new PgpSignatureGenerator(signerPublic.Algorithm, HashAlgorithmTag.Sha256);
            generator.InitSign(type, signer);
            var hashed = new PgpSignatureSubpacketGenerator();
            hashed.SetSignatureCreationTime(false, new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc));
            if (issuerFingerprint)
            {
                hashed.SetIssuerFingerprint(false, signerPublic);
            }

            generator.SetHashedSubpackets(hashed.Generate());
            var unhashed = new PgpSignatureSubpacketGenerator();
            unhashed.SetIssuerKeyID(false, signerPublic.KeyId);
            generator.SetUnhashedSubpackets(unhashed.Generate());
            generator.Update(data);
            return generator.Generate();
        }

        private static string Armor(PgpSignature signature)
        {
            using var buffer = new MemoryStream();
            using (var armor = new ArmoredOutputStream(buffer))
            {
                signature.Encode(armor);
            }

            return Encoding.ASCII.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        }
    }
}
