using Lantern.Extraction.Validation;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;

namespace Lantern.Extraction;

/// <summary>
/// Armored signature blocks: vendors sign posts, canaries and "new address" announcements. Each
/// signer named by its v4 fingerprint is a <c>pgp</c> mention of that key; a signer named only by a
/// 64-bit key ID is not (key IDs can be made to collide) unless the signature verifies with a key
/// posted in the same document.
/// </summary>
public static partial class SelectorExtractor
{
    private const string SignatureBegin = "-----BEGIN PGP SIGNATURE-----";
    private const string SignatureEnd = "-----END PGP SIGNATURE-----";
    private const string SignedMessageBegin = "-----BEGIN PGP SIGNED MESSAGE-----";

    /// <summary>An armored signature is a few hundred characters; longer is not one (the same bound as a key block).</summary>
    private const int MaxSignatureChars = 200_000;

    /// <summary>A signed text longer than this is not spanned by the signature's mention.</summary>
    private const int MaxSignedMessageChars = 200_000;

    /// <summary>
    /// Finds the signature blocks in one pass (the next END line is looked for only once it is
    /// passed, so thousands of blocks or unterminated ones stay linear). A block that closes a
    /// clear-signed message spans the whole message: ownership is judged on the words before it,
    /// which tell a vendor's own signed post from a quoted one. The armor itself is masked.
    /// </summary>
    private static void PgpSignatureBlocks(string text, List<string> keyBlocks, List<Mention> mentions, List<RejectedCandidate> rejected, List<(int, int)> masked)
    {
        var searchFrom = 0;
        var previousEnd = 0;
        var nextEnd = -2;
        DocumentKeys? keys = null;
        while (text.IndexOf(SignatureBegin, searchFrom, StringComparison.Ordinal) is var begin and >= 0)
        {
            var bodyStart = begin + SignatureBegin.Length;
            if (nextEnd != -1 && nextEnd < bodyStart)
            {
                nextEnd = text.IndexOf(SignatureEnd, bodyStart, StringComparison.Ordinal);
            }

            var nextBegin = text.IndexOf(SignatureBegin, bodyStart, StringComparison.Ordinal);
            if (nextEnd < 0 || (nextBegin >= 0 && nextBegin < nextEnd))
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Pgp, SignatureBegin, begin, bodyStart, "a signature block with no -----END PGP SIGNATURE----- line before the next block or the end"));
                searchFrom = bodyStart;
                continue;
            }

            var end = nextEnd + SignatureEnd.Length;
            masked.Add((begin, end));
            var armored = text[begin..end];
            var (signatures, error) = end - begin > MaxSignatureChars
                ? ([], $"a signature block of {end - begin:N0} characters; signatures are far shorter")
                : PgpSignatures.Read(armored);
            if (error is not null)
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Pgp, Shorten(armored), begin, end, error));
            }
            else
            {
                var messageStart = text.AsSpan(previousEnd, begin - previousEnd).LastIndexOf(SignedMessageBegin);
                var start = messageStart >= 0 && begin - (previousEnd + messageStart) <= MaxSignedMessageChars ? previousEnd + messageStart : begin;
                var signedText = start < begin ? new Lazy<string?>(() => PgpSignatures.ClearSignedText(text.AsSpan(start, begin - start))) : null;
                keys ??= new DocumentKeys(keyBlocks);
                var raw = start < begin ? text[start..end] : armored;
                var found = new HashSet<string>(StringComparer.Ordinal);
                foreach (var signature in signatures)
                {
                    var (value, verified, reason) = Signer(signature, keys, signedText);
                    if (value is not null && found.Add(value))
                    {
                        mentions.Add(new Mention(SelectorTypes.Pgp, value, raw, start, end, verified ? 1.0 : 0.95, false, verified ? "pgp-signature-verified" : "pgp-signature"));
                    }
                    else if (reason is not null && found.Add(reason))
                    {
                        rejected.Add(new RejectedCandidate(SelectorTypes.Pgp, Shorten(armored), begin, end, reason));
                    }
                }
            }

            previousEnd = end;
            searchFrom = end;
        }
    }

    /// <summary>The key a signature names (the primary key's fingerprint when its key block is in the document), whether it verified, or why it names none.</summary>
    private static (string? Value, bool Verified, string? Reason) Signer(PgpSignature signature, DocumentKeys keys, Lazy<string?>? signedText)
    {
        bool Verifies(DocumentKey key) => signedText?.Value is { } text && keys.Verifies(signature, key, text);

        if (PgpSignatures.IssuerFingerprint(signature) is var (fingerprint, keyVersion))
        {
            if (keyVersion != 4 || fingerprint.Length != 20)
            {
                return (null, false, $"signed by a version {keyVersion} key; only v4 fingerprints are selectors");
            }

            var hex = Convert.ToHexString(fingerprint);
            return keys.ByFingerprint(hex) is { } known ? (known.Primary, Verifies(known), null) : (hex, false, null);
        }

        var keyId = signature.KeyId;
        foreach (var key in keys.ByKeyId(keyId))
        {
            if (Verifies(key))
            {
                return (key.Primary, true, null);
            }
        }

        return keyId == 0
            ? (null, false, "the signature names no signer")
            : (null, false, $"the signature names its signer only by the 64-bit key ID {keyId:X16}, which can be forged to collide; not a fingerprint, so it links nothing");
    }

    /// <summary>A public key (primary or subkey) of a key block in the document, with its primary key's fingerprint.</summary>
    private sealed record DocumentKey(string Fingerprint, long KeyId, PgpPublicKey Key, string Primary)
    {
        /// <summary>The key as a verifier takes it, made once: BouncyCastle tests an RSA modulus for primality each time it is made.</summary>
        public Lazy<AsymmetricKeyParameter?> Parameters { get; } = new(() => PgpSignatures.VerifierKey(Key));
    }

    /// <summary>
    /// The public keys (primaries and subkeys) of the document's key blocks, read only when a signature needs them.
    /// A document verifies at most <see cref="MaxVerifications"/> signatures: thousands of signed copies stay quick, the rest stay unverified.
    /// </summary>
    private sealed class DocumentKeys(List<string> keyBlocks)
    {
        private const int MaxVerifications = 256;

        private List<DocumentKey>? keys;
        private int verifications;

        public DocumentKey? ByFingerprint(string fingerprint) => Keys().FirstOrDefault(key => key.Fingerprint == fingerprint);

        public IEnumerable<DocumentKey> ByKeyId(long keyId) => Keys().Where(key => key.KeyId == keyId);

        public bool Verifies(PgpSignature signature, DocumentKey key, string signedText) =>
            verifications++ < MaxVerifications && key.Parameters.Value is { } parameters && PgpSignatures.Verifies(signature, key.Key, parameters, signedText);

        private List<DocumentKey> Keys() => keys ??= keyBlocks
            .Select(PgpKeys.Ring)
            .OfType<PgpPublicKeyRing>()
            .SelectMany(ring => ring.GetPublicKeys().Select(key => new DocumentKey(Convert.ToHexString(key.GetFingerprint()), key.KeyId, key, Convert.ToHexString(ring.GetPublicKey().GetFingerprint()))))
            .ToList();
    }
}
