using Lantern.Extraction.Checksums;

namespace Lantern.Extraction.Types;

internal sealed class MoneroType : SelectorType
{
    public override string Name => SelectorTypes.Xmr;

    public override string Label => "Monero address";

    public override string? Problem(string normalized) =>
        MoneroBase58.DecodeAddress(normalized) is null ? "its Monero checksum fails, or it is not a standard, sub- or integrated address" : null;
}
