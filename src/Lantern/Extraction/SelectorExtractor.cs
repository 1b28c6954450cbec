using System.Buffers;
using System.Collections.Concurrent;
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
    public const int Version = 4;

    private const int CueWindow = 40;

    /// <summary>The rule of a legacy v2 onion host: the selector type stays <c>onion</c>, the rule flags it.</summary>
    public const string LegacyOnionRule = "onion-v2-legacy";

    private const int VerdictCacheLimit = 100_000;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly SearchValues<char> AsciiLettersAndDigits = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> PhoneOpeners = SearchValues.Create("0123456789+(");

    private static readonly char[] CueSeparators = [':', '='];

    /// <summary>
    /// Validations are pure and the same wallets, keys and numbers recur across thousands of
    /// documents (a market's escrow address in every listing), so verdicts are remembered, up to a bound.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Kind, string Raw), Verdict> Verdicts = new();

    /// <summary>The normalized value and rule of a valid candidate, or why it is not one.</summary>
    private sealed record Verdict(string? Value, string? Rule, string? Reason);

    private static Verdict Check(string kind, string raw, Func<string, Verdict> validate)
    {
        if (Verdicts.TryGetValue((kind, raw), out var known))
        {
            return known;
        }

        var verdict = validate(raw);
        // ConcurrentDictionary.Count takes every lock, so the bound is kept by a counter of our own.
        if (Verdicts.TryAdd((kind, raw), verdict) && Interlocked.Increment(ref rememberedVerdicts) > VerdictCacheLimit)
        {
            ForgetVerdicts();
        }

        return verdict;
    }

    private static int rememberedVerdicts;

    /// <summary>Forgets remembered validations (benchmarks use it to measure validation on every pass).</summary>
    public static void ForgetVerdicts()
    {
        Verdicts.Clear();
        Interlocked.Exchange(ref rememberedVerdicts, 0);
    }

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

        var keyBlocks = new List<string>();
        PgpBlocks(text, mentions, rejected, masked, keyBlocks);
        // A clear-signed message's mention spans its signed text, so it joins the mentions only after
        // the scans that skip text already covered: the selectors the message announces are still found.
        var signedMessages = new List<Mention>();
        PgpSignatureBlocks(text, keyBlocks, signedMessages, rejected, masked);
        var maskedPositions = new CoveredPositions(text.Length);
        foreach (var (start, end) in masked)
        {
            maskedPositions.Mark(start, end);
        }

        bool Free(int start, int end) => !maskedPositions.Any(start, end);
        var covered = new MentionCoverage(mentions, text.Length);

        Urls(text, mentions, Free);
        Emails(text, mentions, rejected, Free);
        Onions(text, mentions, rejected, covered, Free);
        Tokens(text, mentions, rejected, Free);
        Telegram(text, mentions, context, Free);
        Messengers(text, mentions, covered, Free);
        IpAddresses(text, mentions, rejected, Free);
        PhoneNumbers(text, mentions, rejected, context, covered, Free);

        mentions.AddRange(signedMessages);
        mentions.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Type, b.Type));
        return new ExtractionResult(mentions, rejected);
    }

    /// <summary>A value as typed by an analyst (<c>btc:BC1Q…</c>, <c>phone:+31 6 …</c>) in the normalized form mentions are stored in.</summary>
    public static string? Normalize(string type, string value, string? defaultRegion = null) =>
        SelectorTypes.All.Contains(type) ? Types.SelectorTypeRegistry.Get(type).Normalize(value, defaultRegion) : value.Trim();

    private static void PgpBlocks(string text, List<Mention> mentions, List<RejectedCandidate> rejected, List<(int, int)> masked, List<string> keyBlocks)
    {
        foreach (var match in ArmoredKey().EnumerateMatches(text))
        {
            var raw = text.Substring(match.Index, match.Length);
            masked.Add((match.Index, match.Index + match.Length));
            var verdict = Check("pgp", raw, candidate => PgpKeys.PrimaryFingerprint(candidate) is var (fingerprint, error) && fingerprint is not null
                ? new Verdict(fingerprint, "pgp-armored-key", null)
                : new Verdict(null, null, error));
            if (verdict.Value is { } fingerprintValue)
            {
                mentions.Add(new Mention(SelectorTypes.Pgp, fingerprintValue, raw, match.Index, match.Index + match.Length, 1.0, false, verdict.Rule!));
                keyBlocks.Add(raw);
            }
            else
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Pgp, Shorten(raw), match.Index, match.Index + match.Length, verdict.Reason!));
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
        // Anchored on '@': the local part is read backwards and the domain forwards from it.
        for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
        {
            var start = at;
            while (start > 0 && (EmailAddress.IsAtext(text[start - 1]) || text[start - 1] == '.') && at - start < 64)
            {
                start--;
            }

            while (start < at && text[start] == '.')
            {
                start++;
            }

            var end = at + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-') && end - at < 254)
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] is '.' or '-')
            {
                end--;
            }

            if (start == at || end == at + 1 || !free(start, end))
            {
                continue;
            }

            if (text.AsSpan(at + 1, end - at - 1).IndexOf('.') < 0)
            {
                continue;
            }

            var raw = text[start..end];

            var verdict = Check("email", raw, candidate => EmailAddress.IsValid(candidate) && TopLevelDomains.HostHasKnownTld(candidate[(candidate.LastIndexOf('@') + 1)..])
                ? new Verdict(candidate.ToLowerInvariant(), "email", null)
                : new Verdict(null, null, "not a valid address with a known top-level domain"));
            if (verdict.Value is null)
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Email, raw, start, end, verdict.Reason!));
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Email, verdict.Value, raw, start, end, 0.95, false, "email"));
        }

        ObfuscatedEmails(text, mentions, free);
    }

    /// <summary>Anchored on the written "at" (<c>[at]</c>, <c>(at)</c>, <c> at </c>): the user is read backwards, the host matched forwards.</summary>
    private static void ObfuscatedEmails(string text, List<Mention> mentions, Func<int, int, bool> free)
    {
        foreach (var marker in AtMarkers(text))
        {
            var userStart = marker.Index;
            while (userStart > 0 && (char.IsAsciiLetterOrDigit(text[userStart - 1]) || text[userStart - 1] is '.' or '_' or '%' or '+' or '-') && marker.Index - userStart < 64)
            {
                userStart--;
            }

            while (userStart < marker.Index && !char.IsAsciiLetterOrDigit(text[userStart]))
            {
                userStart++;
            }

            if (userStart == marker.Index || (userStart > 0 && text[userStart - 1] == '@'))
            {
                continue;
            }

            var hostMatch = ObfuscatedHost().Match(text, marker.Index + marker.Length);
            if (!hostMatch.Success)
            {
                continue;
            }

            var end = hostMatch.Index + hostMatch.Length;
            var markerText = text.Substring(marker.Index, marker.Length).Trim();
            var spaced = markerText.Equals("at", StringComparison.OrdinalIgnoreCase);
            if (!free(userStart, end) || (spaced && !HasCue(text, userStart, ContactCue())))
            {
                continue;
            }

            var host = HostSeparator().Replace(hostMatch.Value, ".");
            var address = $"{text[userStart..marker.Index]}@{host}".ToLowerInvariant();
            if (!EmailAddress.IsValid(address) || !TopLevelDomains.HostHasKnownTld(host) || !host.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Email, address, text[userStart..end], userStart, end, spaced ? 0.75 : 0.85, true, "email-obfuscated"));
        }
    }

    /// <summary>
    /// Where "at" stands for '@': the word at, bracketed (<c>[at]</c>, <c>(at)</c>, <c>{at}</c>, <c>&lt;at&gt;</c>)
    /// or between spaces, with the spaces around it. Found by the word, not by a pattern that could start anywhere.
    /// </summary>
    private static IEnumerable<(int Index, int Length)> AtMarkers(string text)
    {
        for (var at = text.IndexOf("at", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("at", at + 2, StringComparison.OrdinalIgnoreCase))
        {
            if ((at > 0 && char.IsLetterOrDigit(text[at - 1])) || (at + 2 < text.Length && char.IsLetterOrDigit(text[at + 2])))
            {
                continue;
            }

            var left = at;
            while (left > 0 && text[left - 1] == ' ')
            {
                left--;
            }

            var open = left > 0 && text[left - 1] is '[' or '(' or '{' or '<' ? text[left - 1] : '\0';
            if (open != '\0')
            {
                left--;
                while (left > 0 && char.IsWhiteSpace(text[left - 1]))
                {
                    left--;
                }
            }
            else if (left == at || (left > 0 && !char.IsAsciiLetterOrDigit(text[left - 1])))
            {
                continue;
            }

            var right = at + 2;
            while (right < text.Length && text[right] == ' ')
            {
                right++;
            }

            if (open != '\0')
            {
                var close = open switch { '[' => ']', '(' => ')', '{' => '}', _ => '>' };
                if (right >= text.Length || text[right] != close)
                {
                    continue;
                }

                right++;
                while (right < text.Length && char.IsWhiteSpace(text[right]))
                {
                    right++;
                }
            }
            else if (right == at + 2)
            {
                continue;
            }

            yield return (left, right - left);
        }
    }

    private static void Onions(string text, List<Mention> mentions, List<RejectedCandidate> rejected, MentionCoverage covered, Func<int, int, bool> free)
    {
        // Anchored on the word "onion": the 56-character host is looked for just before it.
        for (var at = text.IndexOf("onion", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("onion", at + 5, StringComparison.OrdinalIgnoreCase))
        {
            var windowStart = Math.Max(0, at - 70);
            var match = Onion().Match(text, windowStart, Math.Min(text.Length, at + 5) - windowStart);
            while (match.Success && match.Index + match.Length != at + 5)
            {
                // A 16-character v2 host is short enough for an earlier onion to sit in the same window.
                match = match.NextMatch();
            }

            if (!match.Success || !free(match.Index, match.Index + match.Length) || covered.Overlaps(match.Index, match.Index + match.Length, SelectorTypes.Onion))
            {
                continue;
            }

            var host = match.Groups["host"].Value.ToLowerInvariant();
            var obfuscated = !match.Groups["suffix"].Value.Equals(".onion", StringComparison.OrdinalIgnoreCase);
            if (host.Length == 16)
            {
                // A legacy v2 host (retired in 2021, everywhere in older material) is 80 bits of a key hash in base32: no checksum to check.
                mentions.Add(new Mention(SelectorTypes.Onion, host + ".onion", match.Value, match.Index, match.Index + match.Length, obfuscated ? 0.85 : 0.9, obfuscated, LegacyOnionRule));
                continue;
            }

            if (Check("onion", host, candidate => OnionV3.IsValid(candidate) ? new Verdict(candidate, "onion-v3", null) : new Verdict(null, null, "onion v3 checksum or version does not hold")).Value is null)
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Onion, match.Value, match.Index, match.Index + match.Length, "onion v3 checksum or version does not hold"));
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Onion, host + ".onion", match.Value, match.Index, match.Index + match.Length, obfuscated ? 0.9 : 0.99, obfuscated, obfuscated ? "onion-obfuscated" : "onion-v3"));
        }
    }

    /// <summary>
    /// One pass over the text's maximal runs of ASCII letters and digits, which is exactly how far
    /// wallets, Session IDs and bare fingerprints reach; each run's shape decides which validator sees
    /// it. A run of four hex digits may open a fingerprint written in groups.
    /// </summary>
    private static void Tokens(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        var index = 0;
        var groupedUntil = 0;
        while (index < text.Length)
        {
            var skip = text.AsSpan(index).IndexOfAny(AsciiLettersAndDigits);
            if (skip < 0)
            {
                return;
            }

            var start = index + skip;
            var run = text.AsSpan(start).IndexOfAnyExcept(AsciiLettersAndDigits);
            index = run < 0 ? text.Length : start + run;
            var length = index - start;
            if (length == 4 && start >= groupedUntil && OpensHexGroups(text, start))
            {
                groupedUntil = GroupedFingerprint(text, start, mentions, free);
                continue;
            }

            if (length < 14 || !free(start, index))
            {
                continue;
            }

            var token = text.AsSpan(start, length);
            if (length is >= 26 and <= 35 && token[0] is '1' or '3' && IsBase58(token))
            {
                Bitcoin58(text, start, index, mentions, rejected);
            }
            else if (length <= 90 && (token.StartsWith("bc1") || token.StartsWith("BC1")))
            {
                Bitcoin32(text, start, index, mentions, rejected);
            }
            else if (length == 42 && token[0] == '0' && token[1] == 'x' && IsHex(token[2..]))
            {
                Ethereum(text, start, index, mentions, rejected);
            }
            else if (length is 95 or 106 && token[0] is '4' or '8' && IsBase58(token))
            {
                Monero(text, start, index, mentions, rejected);
            }
            else if (length == 66 && token[0] == '0' && token[1] == '5' && IsHex(token))
            {
                var raw = token.ToString();
                mentions.Add(new Mention(SelectorTypes.Session, raw.ToLowerInvariant(), raw, start, index, 0.9, false, "session-id"));
            }
            else if (length == 40 && IsHex(token) && HasCue(text, start, PgpCue()))
            {
                // A bare 40-hex run may be any SHA-1; only after a PGP cue is it a fingerprint.
                var raw = token.ToString();
                mentions.Add(new Mention(SelectorTypes.Pgp, raw.ToUpperInvariant(), raw, start, index, 0.8, false, "pgp-fingerprint"));
            }
        }
    }

    private static void Bitcoin58(string text, int start, int end, List<Mention> mentions, List<RejectedCandidate> rejected)
    {
        var raw = text[start..end];
        var verdict = Check("btc58", raw, candidate => Base58Check.Decode(candidate) is { Length: 21 } payload && payload[0] is 0x00 or 0x05
            ? new Verdict(candidate, payload[0] == 0 ? "btc-p2pkh" : "btc-p2sh", null)
            : new Verdict(null, null, "Base58Check checksum or version does not hold"));
        Record(SelectorTypes.Btc, raw, start, end, 0.99, verdict, mentions, rejected);
    }

    private static void Bitcoin32(string text, int start, int end, List<Mention> mentions, List<RejectedCandidate> rejected)
    {
        var raw = text[start..end];
        var verdict = Check("btc32", raw, candidate => Bech32.DecodeSegwit("bc", candidate) is { } segwit
            ? new Verdict(candidate.ToLowerInvariant(), segwit.Version == 0 ? "btc-bech32" : "btc-bech32m", null)
            : new Verdict(null, null, "bech32/bech32m checksum or segwit rules do not hold"));
        Record(SelectorTypes.Btc, raw, start, end, 0.99, verdict, mentions, rejected);
    }

    private static void Ethereum(string text, int start, int end, List<Mention> mentions, List<RejectedCandidate> rejected)
    {
        var raw = text[start..end];
        var verdict = Check("eth", raw, candidate =>
        {
            var hex = candidate[2..];
            var mixed = hex.Any(char.IsUpper) && hex.Any(char.IsLower);
            return Eip55.IsValid(hex)
                ? new Verdict(candidate.ToLowerInvariant(), mixed ? "eth-eip55" : "eth-unchecksummed", null)
                : new Verdict(null, null, "EIP-55 mixed-case checksum does not hold");
        });
        Record(SelectorTypes.Eth, raw, start, end, verdict.Rule == "eth-eip55" ? 0.99 : 0.9, verdict, mentions, rejected);
    }

    private static void Monero(string text, int start, int end, List<Mention> mentions, List<RejectedCandidate> rejected)
    {
        var raw = text[start..end];

        // Mainnet network bytes: 18 standard, 19 integrated, 42 subaddress; the keys (64 bytes)
        // may be followed by an 8-byte payment id.
        var verdict = Check("xmr", raw, candidate => MoneroBase58.DecodeAddress(candidate) is { Length: 65 or 73 } payload && payload[0] is 18 or 19 or 42
            ? new Verdict(candidate, payload[0] switch { 18 => "xmr-standard", 42 => "xmr-subaddress", _ => "xmr-integrated" }, null)
            : new Verdict(null, null, "Monero base58 Keccak checksum or network byte does not hold"));
        Record(SelectorTypes.Xmr, raw, start, end, 0.99, verdict, mentions, rejected);
    }

    private static void Record(string type, string raw, int start, int end, double confidence, Verdict verdict, List<Mention> mentions, List<RejectedCandidate> rejected)
    {
        if (verdict.Value is { } value)
        {
            mentions.Add(new Mention(type, value, raw, start, end, confidence, false, verdict.Rule!));
        }
        else
        {
            rejected.Add(new RejectedCandidate(type, raw, start, end, verdict.Reason!));
        }
    }

    /// <summary>
    /// Fingerprints written in groups of four, as GnuPG prints them, in the run of hex digits and
    /// spaces that starts here; returns where the run ends.
    /// </summary>
    private static int GroupedFingerprint(string text, int start, List<Mention> mentions, Func<int, int, bool> free)
    {
        var index = start;
        var digits = 0;
        while (index < text.Length && (char.IsAsciiHexDigit(text[index]) || text[index] == ' '))
        {
            digits += text[index] == ' ' ? 0 : 1;
            index++;
        }

        if (digits < 40)
        {
            return index;
        }

        foreach (var match in Fingerprint().EnumerateMatches(text.AsSpan(start, index - start)))
        {
            var matchStart = start + match.Index;
            var matchEnd = matchStart + match.Length;
            var raw = text.Substring(matchStart, match.Length);
            var bounded = (matchStart == 0 || !char.IsAsciiLetterOrDigit(text[matchStart - 1])) && (matchEnd == text.Length || !char.IsAsciiLetterOrDigit(text[matchEnd]));
            if (bounded && raw.Contains(' ', StringComparison.Ordinal) && free(matchStart, matchEnd))
            {
                mentions.Add(new Mention(SelectorTypes.Pgp, Normalize(SelectorTypes.Pgp, raw)!, raw, matchStart, matchEnd, 0.9, false, "pgp-fingerprint"));
            }
        }

        return index;
    }

    /// <summary>Whether two groups of four hex digits, separated by one or two spaces, start here: the cheap test before a fingerprint match.</summary>
    private static bool OpensHexGroups(string text, int index)
    {
        if (index + 9 >= text.Length || (index > 0 && char.IsAsciiLetterOrDigit(text[index - 1])) || !IsHex(text.AsSpan(index, 4)) || text[index + 4] != ' ')
        {
            return false;
        }

        var next = text[index + 5] == ' ' ? index + 6 : index + 5;
        return next + 4 <= text.Length && IsHex(text.AsSpan(next, 4));
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBase58(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is '0' or 'O' or 'I' or 'l')
            {
                return false;
            }
        }

        return true;
    }

    private static void Telegram(string text, List<Mention> mentions, ExtractionContext context, Func<int, int, bool> free)
    {
        var hasLinks = text.Contains("t.me/", StringComparison.OrdinalIgnoreCase) || text.Contains("telegram.", StringComparison.OrdinalIgnoreCase);
        foreach (Match match in hasLinks ? TelegramLink().Matches(text) : Enumerable.Empty<Match>())
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

            var cued = HasCue(text, match.Index, TelegramCue())
                || CueWords.AnyAnnounces(text.AsSpan(Math.Max(0, match.Index - CueWindow), Math.Min(CueWindow, match.Index)), SelectorTypes.Telegram);
            if (!cued && !context.InTelegramExport)
            {
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Telegram, name.ToLowerInvariant(), match.Value, match.Index, match.Index + match.Length, cued ? 0.85 : 0.8, false, cued ? "telegram-cue" : "telegram-export-mention"));
        }
    }

    private static void Messengers(string text, List<Mention> mentions, MentionCoverage covered, Func<int, int, bool> free)
    {
        if (text.Contains("wickr", StringComparison.OrdinalIgnoreCase) || text.Contains("threema", StringComparison.OrdinalIgnoreCase)
            || text.Contains("signal", StringComparison.OrdinalIgnoreCase))
        {
            foreach (Match match in MessengerId().Matches(text))
            {
                var group = match.Groups["id"];
                var id = group.Value.TrimEnd('.', '-');
                var type = match.Groups["cue"].Value.ToLowerInvariant();
                if (free(group.Index, group.Index + group.Length) && IsMessengerId(type, id))
                {
                    mentions.Add(new Mention(type, Normalize(type, id)!, id, group.Index, group.Index + id.Length, 0.75, false, type + "-cue"));
                }
            }
        }

        MisspeltMessengerCues(text, mentions, covered, free);
        IcqNumbers(text, mentions, covered, free);
    }

    private static bool IsMessengerId(string type, string id) => type switch
    {
        SelectorTypes.Wickr => id.Length is >= 3 and <= 32 && id.Any(char.IsAsciiLetter),
        SelectorTypes.Threema => id.Length == 8 && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '*'),
        _ => SignalUsername().IsMatch(id),
    };

    /// <summary>
    /// <c>Wikr:: name</c>, <c>Wicker: name</c>, <c>Signa1 = name.42</c>: a cue word one edit away from
    /// Wickr, Threema or Signal (<see cref="CueWords"/>), standing alone before a ':' or '=', and a value
    /// in that messenger's syntax. Anchored on the separators, so the text is scanned once.
    /// </summary>
    private static void MisspeltMessengerCues(string text, List<Mention> mentions, MentionCoverage covered, Func<int, int, bool> free)
    {
        for (var separator = text.IndexOfAny(CueSeparators); separator >= 0; separator = separator + 1 < text.Length ? text.IndexOfAny(CueSeparators, separator + 1) : -1)
        {
            var (wordStart, wordEnd) = WordBefore(text, separator);
            if (wordEnd - wordStart is 2 or 4 or 8 && IdWord().IsMatch(text.AsSpan(wordStart, wordEnd - wordStart)))
            {
                (wordStart, wordEnd) = WordBefore(text, wordStart);
            }

            if (wordEnd - wordStart < 4 || (wordStart > 0 && text[wordStart - 1] is '.' or '/' or '@' or '_' or '-'))
            {
                continue;
            }

            var word = text.AsSpan(wordStart, wordEnd - wordStart);
            var type = CueWords.Messenger(word);
            if (type is not (SelectorTypes.Wickr or SelectorTypes.Threema or SelectorTypes.Signal) || word.Equals(type, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var start = separator;
            while (start < text.Length && text[start] is ':' or '=' or ' ' or '@')
            {
                start++;
            }

            var end = start;
            while (end < text.Length && end - start < 40 && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.' or '*' or '-'))
            {
                end++;
            }

            var id = text[start..end].TrimEnd('.', '-');
            end = start + id.Length;
            if (start == end || (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '@')) || !free(start, end)
                || covered.Overlaps(start, end, type: null) || !IsMessengerId(type, id))
            {
                continue;
            }

            mentions.Add(new Mention(type, Normalize(type, id)!, id, start, end, 0.7, false, type + "-cue-misspelt"));
        }
    }

    /// <summary>The word of letters and digits that ends just before a position (spaces skipped), as (start, end).</summary>
    private static (int Start, int End) WordBefore(string text, int position)
    {
        var end = position;
        while (end > 0 && position - end < 3 && text[end - 1] == ' ')
        {
            end--;
        }

        var start = end;
        while (start > 0 && end - start < 13 && char.IsLetterOrDigit(text[start - 1]))
        {
            start--;
        }

        return start > 0 && char.IsLetterOrDigit(text[start - 1]) ? (end, end) : (start, end);
    }

    /// <summary>ICQ numbers (UINs, 5–10 digits, often grouped <c>123-456-789</c>) after the word ICQ.</summary>
    private static void IcqNumbers(string text, List<Mention> mentions, MentionCoverage covered, Func<int, int, bool> free)
    {
        if (!text.Contains("icq", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (Match match in IcqNumber().Matches(text))
        {
            var group = match.Groups["uin"];
            var uin = string.Concat(group.Value.Where(char.IsAsciiDigit));
            if (uin.Length is < 5 or > 10 || uin[0] == '0' || !free(group.Index, group.Index + group.Length) || covered.Overlaps(group.Index, group.Index + group.Length, type: null))
            {
                continue;
            }

            mentions.Add(new Mention(SelectorTypes.Icq, uin, group.Value, group.Index, group.Index + group.Length, 0.8, false, "icq-cue"));
        }
    }

    /// <summary>
    /// IPv4 is looked for around each dot between digits, IPv6 around each colon between hex digits
    /// or colons: the candidate is the whole run of such characters, then validated strictly.
    /// </summary>
    private static void IpAddresses(string text, List<Mention> mentions, List<RejectedCandidate> rejected, Func<int, int, bool> free)
    {
        var examined = -1;
        for (var dot = text.IndexOf('.'); dot >= 0; dot = text.IndexOf('.', dot + 1))
        {
            if (dot <= examined || dot == 0 || dot + 1 >= text.Length || !char.IsAsciiDigit(text[dot - 1]) || !char.IsAsciiDigit(text[dot + 1]))
            {
                continue;
            }

            var start = dot;
            while (start > 0 && (char.IsAsciiDigit(text[start - 1]) || text[start - 1] == '.'))
            {
                start--;
            }

            var end = dot;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
            {
                end++;
            }

            examined = end;
            while (end > start && text[end - 1] == '.')
            {
                end--;
            }

            var before = start > 0 ? text[start - 1] : ' ';
            var after = end < text.Length ? text[end] : ' ';
            if (text[start] == '.' || char.IsAsciiLetter(before) || char.IsAsciiLetter(after) || before is '_' or ':' || after == '_'
                || text.AsSpan(start, end - start).Count('.') != 3 || !free(start, end) || InLongerDottedRun(text, start, end))
            {
                continue;
            }

            var raw = text[start..end];
            if (!Validation.IpAddresses.IsIpv4(raw))
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Ipv4, raw, start, end, "octet out of range or with a leading zero"));
                continue;
            }

            var (confidence, reason) = Ipv4InUse(text, raw, start, end);
            if (reason is not null)
            {
                rejected.Add(new RejectedCandidate(SelectorTypes.Ipv4, raw, start, end, reason));
            }
            else
            {
                mentions.Add(new Mention(SelectorTypes.Ipv4, raw, raw, start, end, confidence, false, confidence >= MentionConfidence.Linkable ? "ipv4" : "ipv4-uncued"));
            }
        }

        examined = -1;
        for (var colon = text.IndexOf(':'); colon >= 0; colon = text.IndexOf(':', colon + 1))
        {
            if (colon <= examined || colon + 1 >= text.Length || !(char.IsAsciiHexDigit(text[colon + 1]) || text[colon + 1] == ':'))
            {
                continue;
            }

            var start = colon;
            while (start > 0 && (char.IsAsciiHexDigit(text[start - 1]) || text[start - 1] is ':' or '.'))
            {
                start--;
            }

            var end = colon;
            while (end < text.Length && (char.IsAsciiHexDigit(text[end]) || text[end] is ':' or '.'))
            {
                end++;
            }

            examined = end;
            var raw = text[start..end].TrimEnd('.');
            end = start + raw.Length;
            var before = start > 0 ? text[start - 1] : ' ';
            var after = end < text.Length ? text[end] : ' ';
            var groups = raw.Split(':').Count(group => group.Length > 0);
            if (char.IsAsciiLetterOrDigit(before) || char.IsAsciiLetterOrDigit(after) || before == '_' || after == '_' || groups < 2
                || (groups < 3 && !raw.Contains('.', StringComparison.Ordinal)) || (!raw.Any(char.IsAsciiLetter) && !raw.Contains("::", StringComparison.Ordinal))
                || !free(start, end))
            {
                continue;
            }

            if (Validation.IpAddresses.NormalizeIpv6(raw) is { } normalized)
            {
                mentions.Add(new Mention(SelectorTypes.Ipv6, normalized, raw, start, end, 0.85, false, "ipv6"));
            }
        }
    }

    /// <summary>
    /// International numbers (+CC, 00CC) stand on their own; national ones (with a trunk 0) need a
    /// phone cue before them and the case's region. Prices, order and tracking numbers, dates and
    /// versions never start that way or are ruled out by what precedes them.
    /// </summary>
    private static void PhoneNumbers(string text, List<Mention> mentions, List<RejectedCandidate> rejected, ExtractionContext context, MentionCoverage covered, Func<int, int, bool> free)
    {
        foreach (var match in PhoneCandidates(text))
        {
            var start = match.Index;
            var raw = text.Substring(start, match.Length).TrimEnd(' ', '-', '.', '(');
            var end = start + raw.Length;
            if (!free(start, end) || covered.Overlaps(start, end, type: null))
            {
                continue;
            }

            var digits = 0;
            foreach (var c in raw)
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            }

            var international = raw.StartsWith('+') || raw.StartsWith("00", StringComparison.Ordinal);
            if (!international && LooksLikeDate(raw))
            {
                continue;
            }

            if (digits is < 8 or > 15 || HasCue(text, match.Index, NotPhoneCue(), 16) || (raw.Contains('.', StringComparison.Ordinal) && !international))
            {
                continue;
            }

            if (!international && (context.DefaultRegion is null || !(HasCue(text, match.Index, PhoneCue()) || HasMisspeltPhoneCue(text, match.Index))))
            {
                continue;
            }

            var region = international ? "ZZ" : context.DefaultRegion!;
            var verdict = Check("phone:" + region, raw, candidate =>
            {
                try
                {
                    var number = Phones.Parse(candidate.StartsWith("00", StringComparison.Ordinal) ? "+" + candidate[2..] : candidate, region);
                    return Phones.IsValidNumber(number)
                        ? new Verdict(Phones.Format(number, PhoneNumberFormat.E164), international ? "phone-international" : "phone-national-cue", null)
                        : new Verdict(null, null, "not a valid number for its region (libphonenumber)");
                }
                catch (NumberParseException exception)
                {
                    return new Verdict(null, null, exception.Message);
                }
            });
            Record(SelectorTypes.Phone, raw, start, end, international ? 0.9 : 0.8, verdict, mentions, rejected);
        }
    }

    /// <summary>
    /// Runs of digits with the separators numbers are written with (space, '-', '.', parentheses),
    /// optionally led by '+', not glued to a word, a currency sign or another number: what
    /// <c>(?&lt;![\w#€$£¥+./:-])\+?\(?\d[\d -.()]{6,20}\d(?![\w/])</c> would match, found in one linear scan.
    /// </summary>
    private static IEnumerable<(int Index, int Length)> PhoneCandidates(string text)
    {
        var index = 0;
        while (index < text.Length)
        {
            var skip = text.AsSpan(index).IndexOfAny(PhoneOpeners);
            if (skip < 0)
            {
                yield break;
            }

            index += skip;
            var before = index > 0 ? text[index - 1] : ' ';
            if (char.IsLetterOrDigit(before) || before is '_' or '#' or '€' or '$' or '£' or '¥' or '+' or '.' or '/' or ':' or '-')
            {
                var run = text.AsSpan(index + 1).IndexOfAnyExcept(AsciiLettersAndDigits);
                index = run < 0 ? text.Length : index + 1 + run;
                continue;
            }

            var start = index;
            var end = index + 1;
            while (end < text.Length && end - start < 26 && (char.IsAsciiDigit(text[end]) || text[end] is ' ' or '-' or '.' or '(' or ')'))
            {
                end++;
            }

            var last = end;
            while (last > start && !char.IsAsciiDigit(text[last - 1]))
            {
                last--;
            }

            var digits = 0;
            for (var position = start; position < last; position++)
            {
                digits += char.IsAsciiDigit(text[position]) ? 1 : 0;
            }

            var after = last < text.Length ? text[last] : ' ';
            if (digits >= 8 && last - start >= 8 && !char.IsLetterOrDigit(after) && after is not ('_' or '/'))
            {
                yield return (start, last - start);
            }

            index = Math.Max(end, start + 1);
        }
    }

    /// <summary>
    /// Whether a valid dotted quad reads as an address in use, decided from the text around it:
    /// <c>0.x.x.x</c>, a version cue (<c>v</c>, version, build…) or suffix (<c>-beta</c>, rc, x64…) and a
    /// section cue rule it out; an address cue (IP, server, proxy, connect…), a port or a log line's
    /// leading address make it confident; without a cue, a capitalised word just before it (a product
    /// name, as in "Zeus 2.0.8.9"), four small octets (1.7.0.1) or a one-digit first octet read as a version; anything else is
    /// kept below <see cref="MentionConfidence.Linkable"/>: shown, but linking nothing.
    /// </summary>
    private static (double Confidence, string? Reason) Ipv4InUse(string text, string raw, int start, int end)
    {
        if (raw.StartsWith("0.", StringComparison.Ordinal))
        {
            return (0, "0.x.x.x is not an address in use");
        }

        if (HasCue(text, start, VersionCue(), 16) || VersionSuffix().IsMatch(text.AsSpan(end, Math.Min(16, text.Length - end))))
        {
            return (0, "a version number");
        }

        if (HasCue(text, start, SectionCue(), 16))
        {
            return (0, "a section or clause number");
        }

        if (end + 1 < text.Length && text[end] == ':' && char.IsAsciiDigit(text[end + 1]))
        {
            return (0.9, null);
        }

        var octets = raw.Split('.').Select(octet => int.Parse(octet, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var small = octets.All(octet => octet < 32);
        var product = ProductNameBefore(text, start);
        if (HasCue(text, SentenceStart(text, start), start, IpCue()))
        {
            return small && product ? (0, "a version number after a product name") : (0.9, null);
        }

        if (product || small || octets[0] < 10)
        {
            return (0, product ? "a version number after a product name" : "a version number (small numbers, no address cue)");
        }

        var lineStart = start;
        while (lineStart > 0 && text[lineStart - 1] is ' ' or '\t')
        {
            lineStart--;
        }

        return lineStart == 0 || text[lineStart - 1] is '\n' or '\r' ? (0.9, null) : (0.6, null);
    }

    /// <summary>Where the sentence or line holding a position starts, at most <see cref="CueWindow"/> characters back: a cue in the previous sentence says nothing about this one.</summary>
    private static int SentenceStart(string text, int index)
    {
        var start = Math.Max(0, index - CueWindow);
        for (var position = index - 1; position > start; position--)
        {
            if (text[position] is '\n' or '\r' || (text[position] is ' ' && text[position - 1] is '.' or '!' or '?'))
            {
                return position + 1;
            }
        }

        return start;
    }

    /// <summary>A dotted quad inside a longer dotted run (<c>1.2.3.4.5</c>, <c>2.0.8.9.x</c>, <c>x.1.2.3.4</c>) is part of something else.</summary>
    private static bool InLongerDottedRun(string text, int start, int end) =>
        (end + 1 < text.Length && text[end] == '.' && char.IsAsciiLetterOrDigit(text[end + 1]))
        || (start >= 2 && text[start - 1] == '.' && char.IsAsciiLetterOrDigit(text[start - 2]));

    /// <summary>The word just before a position starts with a capital (Zeus, BetaBot, OpenSSL): a product name, not a sentence's verb or a preposition.</summary>
    private static bool ProductNameBefore(string text, int start)
    {
        var end = start;
        while (end > 0 && text[end - 1] is ' ' or '\t' or '(' or '[' or '"' or '\'')
        {
            end--;
        }

        var wordStart = end;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] is '-' or '_'))
        {
            wordStart--;
        }

        if (wordStart == end || !char.IsUpper(text[wordStart]) || IpCue().IsMatch(text.AsSpan(wordStart, end - wordStart)))
        {
            return false;
        }

        // The first word of a sentence is capitalised whatever it is ("… here. Visit 185.23.4.7"); a
        // line or text starting with a capitalised word is a listing's title ("SpyEye 1.3.48.3").
        var previous = wordStart;
        while (previous > 0 && text[previous - 1] is ' ' or '\t')
        {
            previous--;
        }

        return previous == 0 || text[previous - 1] is not ('.' or '!' or '?');
    }

    /// <summary>A WhatsApp or Signal cue typed one edit away (<c>Whatsap</c>, <c>Signa1</c>) before a national number.</summary>
    private static bool HasMisspeltPhoneCue(string text, int index)
    {
        var window = text.AsSpan(Math.Max(0, index - CueWindow), Math.Min(CueWindow, index));
        return CueWords.AnyAnnounces(window, "whatsapp") || CueWords.AnyAnnounces(window, SelectorTypes.Signal);
    }

    /// <summary>2025-03-14, 14.03.2025, 14/03/2025 and the like, optionally with a time.</summary>
    private static bool LooksLikeDate(string raw)
    {
        var groups = raw.Split([' ', '-', '.', '/'], StringSplitOptions.RemoveEmptyEntries);
        return groups.Length >= 3
            && ((groups[0].Length == 4 && groups[1].Length <= 2 && groups[2].Length <= 2) || (groups[0].Length <= 2 && groups[1].Length <= 2 && groups[2].Length == 4));
    }

    private static bool IsTelegramName(string name) =>
        name.Length is >= 5 and <= 32 && char.IsAsciiLetter(name[0]) && !name.EndsWith('_') && !name.Contains("__", StringComparison.Ordinal);

    private static bool HasCue(string text, int index, Regex cue, int window = CueWindow) => HasCue(text, Math.Max(0, index - window), index, cue);

    private static bool HasCue(string text, int start, int index, Regex cue) => cue.IsMatch(text.AsSpan(start, index - start));

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

    [GeneratedRegex(@"\G[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:(?:\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+|\.)[A-Za-z0-9][A-Za-z0-9-]{0,62})+", RegexOptions.IgnoreCase)]
    private static partial Regex ObfuscatedHost();

    [GeneratedRegex(@"\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*|\s+dot\s+", RegexOptions.IgnoreCase)]
    private static partial Regex HostSeparator();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<host>[A-Za-z2-7]{56}|[A-Za-z2-7]{16})(?<suffix>\.onion|\s*[\[(]\.[\])]\s*onion|\s+dot\s+onion)(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex Onion();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[0-9A-Fa-f]{4}(?: {1,2})?){9}[0-9A-Fa-f]{4}(?![A-Za-z0-9])")]
    private static partial Regex Fingerprint();

    [GeneratedRegex(@"(?<![A-Za-z0-9.-])(?:t\.me|telegram\.me|telegram\.dog)/(?:s/)?@?(?<name>[A-Za-z0-9_]{5,32})(?![A-Za-z0-9_])", RegexOptions.IgnoreCase)]
    private static partial Regex TelegramLink();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+/-])@(?<name>[A-Za-z0-9_]{5,32})(?![A-Za-z0-9_@]|\.[A-Za-z0-9])")]
    private static partial Regex AtHandle();

    [GeneratedRegex(@"\b(?<cue>wickr|threema|signal)(?:\s*(?:me|id|username|user))?\s*[:=\-]?\s*@?(?<id>[A-Za-z0-9_.*\-]{3,40})", RegexOptions.IgnoreCase)]
    private static partial Regex MessengerId();

    [GeneratedRegex(@"^(?:id|me|user|username|name|nick)$", RegexOptions.IgnoreCase)]
    private static partial Regex IdWord();

    [GeneratedRegex(@"(?<![A-Za-z0-9])icq(?:\s*(?:#|№|no\.?|num(?:ber)?|uin|id))?\s*[:=#\-]?\s*(?<uin>\d{2,4}(?:[- ]\d{2,4}){1,3}|\d{5,10})(?![0-9A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex IcqNumber();

    [GeneratedRegex(@"^[a-z][a-z0-9_]{2,31}\.\d{2,9}$", RegexOptions.IgnoreCase)]
    private static partial Regex SignalUsername();

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

    [GeneratedRegex(@"\b(?:version|ver|v|build|release|update|updated|upgrade|firmware|patch)[\s.:]*$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionCue();

    [GeneratedRegex(@"^(?:[-_ ]?(?:alpha|beta|rc\d*|final|stable|release|build|x86|x64|win32|win64|cracked|crack|portable|setup)\b|[-+][A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSuffix();

    [GeneratedRegex(@"(?:\b(?:section|sect|sec|chapter|ch|article|art|para|paragraph|clause|step|figure|fig|table|rule|part)[\s.:]*|§\s*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SectionCue();

    [GeneratedRegex(@"\b(?:ip|ips|ipv4|ip\s*addr(?:ess)?|addr|address|server|srv|host|hosted|hosting|vps|vds|vpn|proxy|proxies|socks[45]?|rdp|ssh|ftp|smtp|dns|gateway|gw|connect(?:ed|ion|s)?|ping|login|logged|client|remote|panel|c2|cnc|c&c|bind|listen(?:ing)?|resolves?|resolved|whois|banned|blocked|firewall|seized|box|node|relay|bridge|exit)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IpCue();
}
