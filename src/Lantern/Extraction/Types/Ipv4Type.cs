using System.Net;
using System.Net.Sockets;

namespace Lantern.Extraction.Types;

internal sealed class Ipv4Type : SelectorType
{
    public override string Name => SelectorTypes.Ipv4;

    public override string Label => "IPv4 address";

    public override string? Problem(string normalized) =>
        normalized.Count(character => character == '.') == 3 && IPAddress.TryParse(normalized, out var address) && address.AddressFamily == AddressFamily.InterNetwork
            ? null
            : "it is not four numbers from 0 to 255 separated by dots";
}
