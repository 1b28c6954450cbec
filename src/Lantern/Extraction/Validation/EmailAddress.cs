namespace Lantern.Extraction.Validation;

/// <summary>
/// RFC 5321 mailbox syntax: a dot-atom or quoted-string local part (at most 64 octets) and a domain
/// that is a host name (labels of letters, digits and inner hyphens) or an address literal.
/// </summary>
internal static class EmailAddress
{
    private const string AtomSpecials = "!#$%&'*+-/=?^_`{|}~";

    public static bool IsValid(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return false;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        return local.Length <= 64 && address.Length <= 254 && (IsDotAtom(local) || IsQuotedString(local)) && IsDomain(domain);
    }

    public static bool IsDotAtom(string text) =>
        text.Length > 0 && text.Split('.').All(atom => atom.Length > 0 && atom.All(IsAtext));

    public static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || AtomSpecials.Contains(c, StringComparison.Ordinal);

    private static bool IsQuotedString(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return false;
        }

        for (var index = 1; index < text.Length - 1; index++)
        {
            var c = text[index];
            if (c == '\\')
            {
                index++;
                if (index >= text.Length - 1 || text[index] is < ' ' or > '~')
                {
                    return false;
                }
            }
            else if (c is '"' or < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDomain(string domain)
    {
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            var literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)
                ? IpAddresses.NormalizeIpv6(literal[5..]) is not null
                : IpAddresses.IsIpv4(literal);
        }

        return IsHostName(domain);
    }

    public static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && label[0] != '-' && label[^1] != '-');
}
