using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Lantern.Extraction.Validation;

/// <summary>
/// Reads ASCII-armored OpenPGP signature blocks (clear-signed messages and detached signatures):
/// the armor is decoded by <see cref="PgpKeys.Dearmor"/> with its CRC-24 check, the signature
/// packets parsed by BouncyCastle, and a clear-signed text verified against a public key, when one is at hand.
/// </summary>
internal static class PgpSignatures
{
    /// <summary>The signature packets of an armored block, or why there are none.</summary>
    public static (IReadOnlyList<PgpSignature> Signatures, string? Error) Read(string armored)
    {
        var (data, armorError) = PgpKeys.Dearmor(armored);
        if (data is null)
        {
            return ([], armorError);
        }

        var signatures = new List<PgpSignature>();
        try
        {
            var factory = new PgpObjectFactory(data);
            while (factory.NextPgpObject() is { } item)
            {
                if (item is not PgpSignatureList list)
                {
                    return ([], $"the block holds a {PacketName(item)}, not a signature");
                }

                for (var index = 0; index < list.Count; index++)
                {
                    signatures.Add(list[index]);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or PgpException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            return ([], $"not a readable signature block ({exception.Message})");
        }

        return signatures.Count == 0 ? ([], "the block holds no signature") : (signatures, null);
    }

    /// <summary>
    /// The signer's fingerprint from the issuer fingerprint subpacket (RFC 9580 §5.2.3.35; GnuPG
    /// writes it since 2.1), from the hashed area first; null when the signature has none.
    /// </summary>
    public static (byte[] Fingerprint, int KeyVersion)? IssuerFingerprint(PgpSignature signature)
    {
        foreach (var area in new[] { signature.GetHashedSubPackets(), signature.GetUnhashedSubPackets() })
        {
            if (area?.GetIssuerFingerprint() is { } issuer)
            {
                return (issuer.GetFingerprint(), issuer.KeyVersion);
            }
        }

        return null;
    }

    /// <summary>Keys above this size are not used to verify: testing a larger RSA modulus would cost seconds.</summary>
    private const int MaxVerifierBits = 4096;

    /// <summary>The key as BouncyCastle verifies with it, or null when it cannot be (malformed, or too large to test cheaply).</summary>
    public static AsymmetricKeyParameter? VerifierKey(PgpPublicKey key)
    {
        if (key.BitStrength > MaxVerifierBits)
        {
            return null;
        }

        try
        {
            return key.GetKey();
        }
        catch (Exception exception) when (exception is PgpException or ArgumentException or InvalidOperationException or InvalidCastException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is <paramref name="key"/>'s over <paramref name="signedText"/> (already canonical).
    /// An RSA signature is checked with <paramref name="parameters"/> made once per key (what <see cref="PgpSignature.Verify"/>
    /// does, without making the key again); other algorithms go through BouncyCastle's OpenPGP verifier.
    /// </summary>
    public static bool Verifies(PgpSignature signature, PgpPublicKey key, AsymmetricKeyParameter parameters, string signedText)
    {
        try
        {
            var text = Encoding.UTF8.GetBytes(signedText);
            if (parameters is RsaKeyParameters && signature.KeyAlgorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign)
            {
                var signer = SignerUtilities.GetSigner(PgpUtilities.GetSignatureName(signature.KeyAlgorithm, signature.HashAlgorithm));
                signer.Init(false, parameters);
                signer.BlockUpdate(text, 0, text.Length);
                var trailer = signature.GetSignatureTrailer();
                signer.BlockUpdate(trailer, 0, trailer.Length);
                return signer.VerifySignature(signature.GetSignature());
            }

            signature.InitVerify(key);
            signature.Update(text);
            return signature.Verify();
        }
        catch (Exception exception) when (exception is PgpException or ArgumentException or InvalidOperationException or InvalidCastException or NotSupportedException or SecurityUtilityException)
        {
            return false;
        }
    }

    /// <summary>
    /// The text a clear-signed message signs (RFC 4880 §7.1): the lines after the armor headers up
    /// to the signature, dash-escaping (<c>- </c>) undone, trailing spaces and tabs dropped, joined
    /// with CR LF; the line break just before the signature is not part of it.
    /// Null when the headers are not closed by an empty line.
    /// </summary>
    public static string? ClearSignedText(ReadOnlySpan<char> message)
    {
        var headersEnd = -1;
        var lineStart = message.IndexOf('\n') + 1;
        while (lineStart > 0 && lineStart < message.Length)
        {
            var lineLength = message[lineStart..].IndexOf('\n');
            var line = lineLength < 0 ? message[lineStart..] : message.Slice(lineStart, lineLength);
            if (line.IsWhiteSpace())
            {
                headersEnd = lineLength < 0 ? message.Length : lineStart + lineLength + 1;
                break;
            }

            lineStart = lineLength < 0 ? -1 : lineStart + lineLength + 1;
        }

        if (headersEnd < 0)
        {
            return null;
        }

        var body = message[headersEnd..];
        if (body.EndsWith("\n"))
        {
            body = body[..^1];
        }

        var text = new StringBuilder(body.Length + 16);
        foreach (var range in body.Split('\n'))
        {
            var line = body[range].TrimEnd("\r \t");
            if (line.StartsWith("- "))
            {
                line = line[2..];
            }

            if (range.Start.Value > 0)
            {
                text.Append("\r\n");
            }

            text.Append(line);
        }

        return text.ToString();
    }

    private static string PacketName(PgpObject item) => item switch
    {
        PgpPublicKeyRing => "public key",
        PgpSecretKeyRing => "secret key",
        PgpCompressedData => "compressed message",
        PgpLiteralData => "literal message",
        PgpEncryptedDataList => "encrypted message",
        PgpOnePassSignatureList => "one-pass signed message",
        _ => "packet of another kind",
    };
}
