using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lantern.Extraction.Validation;

/// <summary>Strict IP address syntax: dotted-decimal IPv4 only (no shorthand, octal or hex), IPv6 without zone or prefix.</summary>
internal static class IpAddresses
{
    public static bool IsIpv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')
                || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The RFC 5952 form of a valid IPv6 address, or null.</summary>
    public static string? NormalizeIpv6(string text)
    {
        if (text.Length is < 2 or > 45 || !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return null;
        }

        var doubleColon = text.IndexOf("::", StringComparison.Ordinal);
        if (doubleColon >= 0 && text.IndexOf("::", doubleColon + 1, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        if (text.Contains(":::", StringComparison.Ordinal))
        {
            return null;
        }

        var groups = text.Split(':');
        var count = 0;
        for (var index = 0; index < groups.Length; index++)
        {
            var group = groups[index];
            if (group.Contains('.', StringComparison.Ordinal))
            {
                if (index != groups.Length - 1 || !IsIpv4(group))
                {
                    return null;
                }

                count += 2;
            }
            else if (group.Length > 4)
            {
                return null;
            }
            else if (group.Length > 0)
            {
                count++;
            }
            else if (doubleColon < 0)
            {
                return null;
            }
        }

        if (doubleColon < 0 ? count != 8 : count > 7)
        {
            return null;
        }

        if ((text.StartsWith(':') && !text.StartsWith("::", StringComparison.Ordinal)) || (text.EndsWith(':') && !text.EndsWith("::", StringComparison.Ordinal)))
        {
            return null;
        }

        return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? address.ToString() : null;
    }
}
