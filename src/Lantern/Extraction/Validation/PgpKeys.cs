using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Lantern.Extraction.Validation;

/// <summary>Reads ASCII-armored OpenPGP public key blocks with BouncyCastle.</summary>
public static class PgpKeys
{
    /// <summary>The primary key's fingerprint (40 upper-case hex digits for a v4 key), or null with the reason.</summary>
    public static (string? Fingerprint, string? Error) PrimaryFingerprint(string armored)
    {
        try
        {
            using var input = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(armored));
            using var armoredStream = new ArmoredInputStream(input);
            var bundle = new PgpPublicKeyRingBundle(armoredStream);
            var ring = bundle.GetKeyRings().FirstOrDefault();
            if (ring is null)
            {
                return (null, "the block holds no public key");
            }

            var key = ring.GetPublicKey();
            return key.Version == 4 ? (Convert.ToHexString(key.GetFingerprint()), null) : (null, $"a version {key.Version} key; only v4 fingerprints are selectors");
        }
        catch (Exception exception) when (exception is IOException or PgpException or ArgumentException or InvalidOperationException)
        {
            return (null, $"not a readable public key block ({exception.Message})");
        }
    }
}
