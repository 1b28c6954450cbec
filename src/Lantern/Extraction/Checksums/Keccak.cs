using Org.BouncyCastle.Crypto.Digests;

namespace Lantern.Extraction.Checksums;

/// <summary>Keccak-256 with the original padding (as Ethereum and Monero use it), and SHA3-256 (as Tor's onion checksum uses it).</summary>
internal static class Keccak
{
    public static byte[] Keccak256(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    public static byte[] Sha3_256(ReadOnlySpan<byte> data)
    {
        var digest = new Sha3Digest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
