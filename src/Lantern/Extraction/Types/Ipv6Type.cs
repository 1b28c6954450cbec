using System.Net;
using System.Net.Sockets;
using Lantern.Extraction.Validation;

namespace Lantern.Extraction.Types;

internal sealed class Ipv6Type : SelectorType
{
    public override string Name => SelectorTypes.Ipv6;

    public override string Label => "IPv6 address";

    public override string Normalize(string value, string? region) => IpAddresses.NormalizeIpv6(value.Trim()) ?? value.Trim().ToLowerInvariant();

    public override string? Problem(string normalized) =>
        IPAddress.TryParse(normalized, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? null : "it is not an IPv6 address";
}
