using System.Text.RegularExpressions;
using Lantern.Extraction.Checksums;
using Lantern.Extraction.Validation;
using PhoneNumbers;

namespace Lantern.Extraction;

/// <summary>
/// Finds selectors in a text. Each type pairs a fast candidate scan (a generated regular
/// expression anchored on what the selector must contain) with real validation — checksums,
/// libphonenumber, BouncyCastle — so that a look-alike is a rejected candidate, never a selector.
/// Pure: the same text and context always give the same mentions, ordered by position.
/// </summary>
public static partial class SelectorExtractor
{
    /// <summary>Raised whenever the rules change, so stored mentions are extracted again.</summary>
    public const int Version = 1;

    private const int CueWindow = 40;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static ExtractionResult Extract(string text, ExtractionContext? context = null)
    {
        context ??= ExtractionContext.Default;
        if (string.IsNullOrEmpty(text))
        {
            return ExtractionResult.Empty;
        }

        var mentions = new List<Mention>();
        var rejected = new List<RejectedCandidate>();
        var masked = new List<(int Start, int End)>();

        PgpBlocks(text, mentions, rejected, masked);
        bool Free(int start, int end) => !masked.Any(span => start < span.End && end > span.Start);

        Urls(text, mentions, Free);
        Emails(text, mentions, rejected, Free);
        Onions(text, mentions, rejected, Free);
        Bitcoin(text, mentions, rejected, Free);
        Ethereum(text, mentions, rejected, Free);
        Monero(text, mentions, rejected, Free);
        Sessions(text, mentions, Free);
        Fingerprints(text, mentions, Free);
        Telegram(text, mentions, context, Free);
        Messengers(text, mentions, Free);
        IpAddresses(text, mentions, rejected, Free);
        PhoneNumbers(text, mentions, rejected, context, Free);

        mentions.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Type, b.Type));
        return new ExtractionResult(mentions, rejected);
    }

    /// <summary>A value as typed by an analyst (<c>btc:BC1Q…</c>, <c>phone:+31 6 …</c>) in the normalized form mentions are stored in.</summary>
    public static string? Normalize(string type, string value, string? defaultRegion = null)
    {
        value = value.Trim();
        switch (type)
        {
            case SelectorTypes.Email:
            case SelectorTypes.Telegram:
            case SelectorTypes.Session:
            case SelectorTypes.Wickr:
            case SelectorTypes.Signal:
            case SelectorTypes.Eth:
                return value.TrimStart('@').ToLowerInvariant();
            case SelectorTypes.Onion:
                var host = value.ToLowerInvariant();
                return host.EndsWith(".onion", StringComparison.Ordinal) ? host : host + ".onion";
            case SelectorTypes.Btc:
                return value.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) ? value.ToLowerInvariant() : value;
            case SelectorTypes.Pgp:
                return string.Concat(value.Where(char.IsAsciiHexDigit)).ToUpperInvariant();
            case SelectorTypes.Threema:
                return value.ToUpperInvariant();
            case SelectorTypes.Phone:
                try
                {
                    var number = Phones.Parse(value, defaultRegion ?? "ZZ");
                    return Phones.Format(number, PhoneNumberFormat.E164);
                }
                catch (NumberParseException)
                {
                    return value;
                }

            case SelectorTypes.Ipv6:
                return Validation.IpAddresses.NormalizeIpv6(value) ?? value.ToLowerInvariant();
            default:
                return value;
        }
    }

    private static void PgpBlocks(string text, List<Mention> mentions, List<RejectedCandidate> rejected, List<(int, int)> masked)
    {
        foreach (var match in ArmoredKey().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            masked.Add((match.Index, match.Index + match.Length));
            var (fingerprint, error) = PgpKeys.PrimaryFingerprint(raw);
            if (fingerprint is not null)
            {
                mentions.Add(new Mention(SelectorTypes.Pgp, fingerprint, raw, match.Index, match.Index + match.Length, 1.0, false, "pgp-armored-key"));
            }
            else
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Pgp, Shorten(raw), match.Index, match.Index + match.Length, error!));
            }
        }
    }

    private static void Urls(string text, List<Mention> mentions, Func<int, int, bool> free)
    {
        foreach (var match in Url().EnumerateMatches(text))
        {
            var length = TrimTrailingPunctuation(text, match.Index, match.Length);
            var raw = text.Substring(match.Index, length);
            if (!free(match.Index, match.Index + length) || !Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                continue;
            }

            var schemeEnd = raw.IndexOf("://", StringComparison.Ordinal) + 3;
            var hostEnd = raw.IndexOfAny(['/', '?', '#'], schemeEnd);
            var value = raw[..schemeEnd].ToLowerInvariant() + raw[schemeEnd..(hostEnd < 0 ? raw.Length : hostEnd)].ToLowerInvariant() + (hostEnd < 0 ? string.Empty : raw[hostEnd..]);
            mentions.Add(new Mention(SelectorTypes.Url, value, raw, match.Index, match.Index + length, 0.95, false, "url"));
        }
    }

    private static void Emails(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        foreach (var match in Email().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length).TrimEnd('.', '-');
            if (!free(match.Index, match.Index + raw.Length))
            {
                continue;
            }

            var host = raw[(raw.LastIndexOf('@') + 1)..];
            if (!EmailAddress.IsValid(raw) || !TopLevelDomains.HostHasKnownTld(host))
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Email, raw, match.Index, match.Index + raw.Length, "not a valid address with a known top-level domain"));
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Email, raw.ToLowerInvariant(), raw, match.Index, match.Index + raw.Length, 0.95, false, "email"));
        }

        foreach (Match match in ObfuscatedEmail().Matches(text))
        {
            var spaced = match.Groups["at"].Value.Trim().Length == 2 && match.Groups["at"].Value.Trim().Equals("at", StringComparison.OrdinalIgnoreCase);
            if (!free(match.Index, match.Index + match.Length) || (spaced && !HasCue(text, match.Index, ContactCue())))
            {
                continue;
            }

            var host = HostSeparator().Replace(match.Groups["host"].Value, ".");
            var address = $"{match.Groups["user"].Value}@{host}".ToLowerInvariant();
            if (!EmailAddress.IsValid(address) || !TopLevelDomains.HostHasKnownTld(host) || !host.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Email, address, match.Value, match.Index, match.Index + match.Length, spaced ? 0.75 : 0.85, true, "email-obfuscated"));
        }
    }

    private static void Onions(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        foreach (Match match in Onion().Matches(text))
        {
            if (!free(match.Index, match.Index + match.Length))
            {
                continue;
            }

            var host = match.Groups["host"].Value.ToLowerInvariant();
            var obfuscated = !match.Groups["suffix"].Value.Equals(".onion", StringComparison.OrdinalIgnoreCase);
            if (!OnionV3.IsValid(host))
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Onion, match.Value, match.Index, match.Index + match.Length, "onion v3 checksum or version does not hold"));
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Onion, host + ".onion", match.Value, match.Index, match.Index + match.Length, obfuscated ? 0.9 : 0.99, obfuscated, obfuscated ? "onion-obfuscated" : "onion-v3"));
        }
    }

    private static void Bitcoin(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        foreach (var match in BitcoinBase58().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            if (!free(match.Index, match.Index + match.Length))
            {
                continue;
            }

            if (Base58Check.Decode(raw) is { Length: 21 } payload && payload[0] is 0x00 or 0x05)
            {
                mentions.Add(new Mention(SelectorTypes.Btc, raw, raw, match.Index, match.Index + match.Length, 0.99, false, payload[0] == 0 ? "btc-p2pkh" : "btc-p2sh"));
            }
            else
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Btc, raw, match.Index, match.Index + match.Length, "Base58Check checksum or version does not hold"));
            }
        }

        foreach (var match in BitcoinBech32().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            if (!free(match.Index, match.Index + match.Length))
            {
                continue;
            }

            if (Bech32.DecodeSegwit("bc", raw) is { } segwit)
            {
                mentions.Add(new Mention(SelectorTypes.Btc, raw.ToLowerInvariant(), raw, match.Index, match.Index + match.Length, 0.99, false, segwit.Version == 0 ? "btc-bech32" : "btc-bech32m"));
            }
            else
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Btc, raw, match.Index, match.Index + match.Length, "bech32/bech32m checksum or segwit rules do not hold"));
            }
        }
    }

    private static void Ethereum(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        foreach (var match in EthereumAddress().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            if (!free(match.Index, match.Index + match.Length))
            {
                continue;
            }

            if (Eip55.IsValid(raw[2..]))
            {
                var mixed = raw[2..].Any(char.IsUpper) && raw[2..].Any(char.IsLower);
                mentions.Add(new Mention(SelectorTypes.Eth, raw.ToLowerInvariant(), raw, match.Index, match.Index + match.Length, mixed ? 0.99 : 0.9, false, mixed ? "eth-eip55" : "eth-unchecksummed"));
            }
            else
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Eth, raw, match.Index, match.Index + match.Length, "EIP-55 mixed-case checksum does not hold"));
            }
        }
    }

    private static void Monero(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        foreach (var match in MoneroAddress().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            if (!free(match.Index, match.Index + match.Length))
            {
                continue;
            }

            var payload = MoneroBase58.DecodeAddress(raw);
            // Mainnet network bytes: 18 standard, 19 integrated, 42 subaddress; the keys (64 bytes)
            // may be followed by an 8-byte payment id.
            var valid = payload is { Length: 65 or 73 } && payload[0] is 18 or 19 or 42;
            if (valid)
            {
                var rule = payload![0] switch { 18 => "xmr-standard", 42 => "xmr-subaddress", _ => "xmr-integrated" };
                mentions.Add(new Mention(SelectorTypes.Xmr, raw, raw, match.Index, match.Index + match.Length, 0.99, false, rule));
            }
            else
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Xmr, raw, match.Index, match.Index + match.Length, "Monero base58 Keccak checksum or network byte does not hold"));
            }
        }
    }

    private static void Sessions(string text, List<Mention> mentions, Func<int, int, bool> free)
    {
        foreach (var match in SessionId().EnumerateMatches(text))
        {
            if (free(match.Index, match.Index + match.Length))
            {
                var raw = text.Substring(match.Index, match.Length);
                mentions.Add(new Mention(SelectorTypes.Session, raw.ToLowerInvariant(), raw, match.Index, match.Index + match.Length, 0.9, false, "session-id"));
            }
        }
    }

    /// <summary>Written v4 fingerprints: grouped in fours they are unmistakable; a bare 40-hex run needs a PGP cue, or it may be any SHA-1.</summary>
    private static void Fingerprints(string text, List<Mention> mentions, Func<int, int, bool> free)
    {
        foreach (var match in Fingerprint().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            var grouped = raw.Contains(' ', StringComparison.Ordinal);
            if (!free(match.Index, match.Index + match.Length) || (!grouped && !HasCue(text, match.Index, PgpCue())))
            {
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Pgp, Normalize(SelectorTypes.Pgp, raw)!, raw, match.Index, match.Index + match.Length, grouped ? 0.9 : 0.8, false, "pgp-fingerprint"));
        }
    }

    private static void Telegram(string text, List<Mention> mentions, ExtractionContext context, Func<int, int, bool> free)
    {
        foreach (Match match in TelegramLink().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (free(match.Index, match.Index + match.Length) && IsTelegramName(name))
            {
                mentions.Add(new Mention(SelectorTypes.Telegram, name.ToLowerInvariant(), match.Value, match.Index, match.Index + match.Length, 0.95, false, "telegram-link"));
            }
        }

        foreach (Match match in AtHandle().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (!free(match.Index, match.Index + match.Length) || !IsTelegramName(name))
            {
                continue;
            }

            var cued = HasCue(text, match.Index, TelegramCue());
            if (!cued && !context.InTelegramExport)
            {
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Telegram, name.ToLowerInvariant(), match.Value, match.Index, match.Index + match.Length, cued ? 0.85 : 0.8, false, cued ? "telegram-cue" : "telegram-export-mention"));
        }
    }

    private static void Messengers(string text, List<Mention> mentions, Func<int, int, bool> free)
    {
        foreach (Match match in MessengerId().Matches(text))
        {
            var group = match.Groups["id"];
            if (!free(group.Index, group.Index + group.Length))
            {
                continue;
            }

            var cue = match.Groups["cue"].Value.ToLowerInvariant();
            var id = group.Value.TrimEnd('.', '-');
            var (type, valid) = cue switch
            {
                "wickr" => (SelectorTypes.Wickr, id.Length is >= 3 and <= 32 && id.Any(char.IsAsciiLetter)),
                "threema" => (SelectorTypes.Threema, id.Length == 8 && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '*')),
                _ => (SelectorTypes.Signal, SignalUsername().IsMatch(id)),
            };
            if (valid)
            {
                mentions.Add(new Mention(type, Normalize(type, id)!, id, group.Index, group.Index + id.Length, 0.75, false, type + "-cue"));
            }
        }
    }

    private static void IpAddresses(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        foreach (var match in Ipv4().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            if (!free(match.Index, match.Index + match.Length) || HasCue(text, match.Index, VersionCue(), 16))
            {
                continue;
            }

            if (Validation.IpAddresses.IsIpv4(raw))
            {
                mentions.Add(new Mention(SelectorTypes.Ipv4, raw, raw, match.Index, match.Index + match.Length, 0.85, false, "ipv4"));
            }
            else
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Ipv4, raw, match.Index, match.Index + match.Length, "octet out of range or with a leading zero"));
            }
        }

        foreach (var match in Ipv6().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            var groups = raw.Split(':').Count(group => group.Length > 0);
            if (!free(match.Index, match.Index + match.Length) || groups < 3 || !raw.Any(char.IsAsciiLetter) && !raw.Contains("::", StringComparison.Ordinal))
            {
                continue;
            }

            if (Validation.IpAddresses.NormalizeIpv6(raw) is { } normalized)
            {
                mentions.Add(new Mention(SelectorTypes.Ipv6, normalized, raw, match.Index, match.Index + match.Length, 0.85, false, "ipv6"));
            }
        }
    }

    /// <summary>
    /// International numbers (+CC, 00CC) stand on their own; national ones (with a trunk 0) need a
    /// phone cue before them and the case's region. Prices, order and tracking numbers, dates and
    /// versions never start that way or are ruled out by what precedes them.
    /// </summary>
    private static void PhoneNumbers(string text, List<Mention> mentions, List<RejectedCandidate> rejected, ExtractionContext context, Func<int, int, bool> free)
    {
        foreach (var match in PhoneCandidate().EnumerateMatches(text))
        {
            var start = match.Index;
            var raw = text.Substring(start, match.Length).TrimEnd(' ', '-', '.', '(');
            var end = start + raw.Length;
            if (!free(start, end) || mentions.Any(mention => start < mention.End && end > mention.Start))
            {
                continue;
            }

            var digits = raw.Count(char.IsAsciiDigit);
            var international = raw.StartsWith('+') || raw.StartsWith("00", StringComparison.Ordinal);
            if (digits is < 8 or > 15 || HasCue(text, match.Index, NotPhoneCue(), 16) || (raw.Contains('.', StringComparison.Ordinal) && !international))
            {
                continue;
            }

            if (!international && (context.DefaultRegion is null || !HasCue(text, match.Index, PhoneCue())))
            {
                continue;
            }

            try
            {
                var number = Phones.Parse(raw.StartsWith("00", StringComparison.Ordinal) ? "+" + raw[2..] : raw, international ? "ZZ" : context.DefaultRegion);
                if (Phones.IsValidNumber(number))
                {
                    mentions.Add(new Mention(SelectorTypes.Phone, Phones.Format(number, PhoneNumberFormat.E164), raw, match.Index, end, international ? 0.9 : 0.8, false, international ? "phone-international" : "phone-national-cue"));
                }
                else
                {
                    rejected.Add(new RejectedCandidate(SelectorTypes.Phone, raw, match.Index, end, "not a valid number for its region (libphonenumber)"));
                }
            }
            catch (NumberParseException exception)
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Phone, raw, match.Index, end, exception.Message));
            }
        }
    }

    private static bool IsTelegramName(string name) =>
        name.Length is >= 5 and <= 32 && char.IsAsciiLetter(name[0]) && !name.EndsWith('_') && !name.Contains("__", StringComparison.Ordinal);

    private static bool HasCue(string text, int index, Regex cue, int window = CueWindow)
    {
        var start = Math.Max(0, index - window);
        return cue.IsMatch(text.AsSpan(start, index - start));
    }

    private static int TrimTrailingPunctuation(string text, int start, int length)
    {
        while (length > 0 && text[start + length - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '\'' or '"')
        {
            length--;
        }

        return length;
    }

    private static string Shorten(string raw) => raw.Length <= 80 ? raw : raw[..77] + "…";

    [GeneratedRegex(@"-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]{1,200000}?-----END PGP PUBLIC KEY BLOCK-----")]
    private static partial Regex ArmoredKey();

    [GeneratedRegex(@"\bhttps?://[^\s<>""'`{}|\\^\[\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])(?<user>[A-Za-z0-9][A-Za-z0-9._%+-]{0,63})(?<at>\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+)(?<host>[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\.)[A-Za-z0-9][A-Za-z0-9-]{0,62})+)", RegexOptions.IgnoreCase)]
    private static partial Regex ObfuscatedEmail();

    [GeneratedRegex(@"\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+", RegexOptions.IgnoreCase)]
    private static partial Regex HostSeparator();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<host>[A-Za-z2-7]{56})(?<suffix>\.onion|\s*[\[(]\.[\])]\s*onion|\s+dot\s+onion)(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex Onion();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])")]
    private static partial Regex BitcoinBase58();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}(?![A-Za-z0-9])")]
    private static partial Regex BitcoinBech32();

    [GeneratedRegex(@"(?<![A-Za-z0-9])0x[0-9A-Fa-f]{40}(?![A-Za-z0-9])")]
    private static partial Regex EthereumAddress();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[48][1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?(?![A-Za-z0-9])")]
    private static partial Regex MoneroAddress();

    [GeneratedRegex(@"(?<![A-Za-z0-9])05[0-9A-Fa-f]{64}(?![A-Za-z0-9])")]
    private static partial Regex SessionId();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[0-9A-Fa-f]{4}(?: {1,2})?){9}[0-9A-Fa-f]{4}(?![A-Za-z0-9])")]
    private static partial Regex Fingerprint();

    [GeneratedRegex(@"(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)/(?:s/)?@?(?<name>[A-Za-z0-9_]{5,32})(?![A-Za-z0-9_])", RegexOptions.IgnoreCase)]
    private static partial Regex TelegramLink();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+/-])@(?<name>[A-Za-z0-9_]{5,32})(?![A-Za-z0-9_@]|\.[A-Za-z0-9])")]
    private static partial Regex AtHandle();

    [GeneratedRegex(@"\b(?<cue>wickr|threema|signal)(?:\s*(?:me|id|username|user))?\s*[:=\-]?\s*@?(?<id>[A-Za-z0-9_.*\-]{3,40})", RegexOptions.IgnoreCase)]
    private static partial Regex MessengerId();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{2,31}\.\d{2,9}$", RegexOptions.IgnoreCase)]
    private static partial Regex SignalUsername();

    [GeneratedRegex(@"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)(?![\w])")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])")]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"(?<![\w#€$£¥+./:-])(?:\+|00)?\(?\d[\d \-().]{6,20}\d(?![\w/])")]
    private static partial Regex PhoneCandidate();

    [GeneratedRegex(@"\b(?:telegram|tg|telega|телеграм)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TelegramCue();

    [GeneratedRegex(@"\b(?:contact|mail|e-?mail|write|reach|pm|msg|message|inquir\w*|orders?|questions?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContactCue();

    [GeneratedRegex(@"\b(?:pgp|gpg|fingerprint|fpr|key\s*id|key)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PgpCue();

    [GeneratedRegex(@"(?:\b(?:call|tel|phone|telephone|whats\s?app|wa|signal|text|sms|mobile|gsm|cell|nummer|bel|contact|number)\b|📞|☎|📱)", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneCue();

    [GeneratedRegex(@"(?:\b(?:order|tracking|track|ref|reference|invoice|iban|account|id|no)\b[\s.:#]*$|#\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex NotPhoneCue();

    [GeneratedRegex(@"\b(?:version|ver|v|build|release)[\s.:]*$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionCue();
}
