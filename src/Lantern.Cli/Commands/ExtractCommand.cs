using System.CommandLine;
using System.Text;
using Lantern.Extraction;
using Lantern.Extraction.Facts;
using Lantern.Ingest;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class ExtractCommand
{
    private const long MaxFileBytes = 64L * 1024 * 1024;

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Text files to read; standard input when none is given", Arity = ArgumentArity.ZeroOrMore };
        var region = new Option<string?>("--region") { Description = "Phone region (two letters, e.g. NL) for numbers written without a country code" };
        var telegram = new Option<bool>("--telegram") { Description = "Treat the text as Telegram messages, where a bare @name is a Telegram handle" };
        var facts = new Option<bool>("--facts")
        {
            Description = "Read listing facts instead of selectors: drugs (lower-case INN or common name, class), strength, form, quantity, price and unit price, " +
                "ships from/to (ISO 3166-1 alpha-2, EU, WW), shipping and payment terms, counterfeit and illicit-medicine indicators — each with its offsets. See docs/facts.md",
        };
        var explain = new Option<bool>("--explain")
        {
            Description = "Also list the rejected candidates with the reason: look-alikes whose checksum fails, a PGP signature naming its signer only by a 64-bit key ID, " +
                "broken armor… They are never selectors. With --json one object a line {rejected: true, type, raw, start, end, reason, file}",
        };
        var lines = new Option<bool>("--lines") { Description = "With --facts: each non-empty line is one listing title (e.g. a list of titles); otherwise the whole file is one listing's text" };
        var command = new Command("extract", "Find selectors in text without a workspace: e-mails, phones, IPs, onions, URLs, BTC/ETH/XMR wallets, PGP keys, " +
            "Telegram, Session, Wickr, Threema and Signal IDs — each validated (checksums, libphonenumber, BouncyCastle) and normalized.\n" +
            "Files and standard input of any size are read in chunks; offsets are UTF-16 indices into the whole text. With --json: one object a line {type, value, raw, start, end, confidence, obfuscated, rule, file}.\n" +
            "With --facts: listing facts instead, one object a line per listing with --json {file, line, items:[{drug, class, strength, form, quantity, start, end, field, raw}], price, unit_price, ships_from, ships_to, ships_to_except, routes, terms, indicators}.\n" +
            "Examples: lantern extract dump.txt --json · cat post.txt | lantern extract --region NL · lantern extract --facts --lines titles.txt --json")
        {
            files, region, telegram, explain, facts, lines,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            if (parse.GetValue(lines) && !parse.GetValue(facts))
            {
                return context.Fail("--lines goes with --facts: it reads each line as one listing title");
            }

            if (parse.GetValue(explain) && parse.GetValue(facts))
            {
                return context.Fail("--explain goes with selectors, not with --facts");
            }

            var regionValue = parse.GetValue(region)?.ToUpperInvariant();
            var extractionContext = new ExtractionContext(regionValue, parse.GetValue(telegram));
            var paths = parse.GetValue(files) ?? [];
            var failed = false;
            var inputs = paths.Length == 0 ? [("-", (Func<string?>)(() => Console.In.ReadToEnd()))] : paths.Select(path => (path, (Func<string?>)(() => ReadFile(context, path, ref failed)))).ToList();
            var table = new Table().Border(TableBorder.Rounded).AddColumns("file", "type", "value", "raw", "offsets", "confidence", "rule");
            var rejectedTable = new Table().Border(TableBorder.Rounded).AddColumns("file", "type", "raw", "offsets", "reason");
            var count = 0;
            var rejectedCount = 0;
            if (parse.GetValue(facts))
            {
                var found = ExtractFacts(context, inputs, parse.GetValue(lines));
                return failed || found < 0 ? ExitCodes.Partial : ExitCodes.Success;
            }

            foreach (var name in paths.Length == 0 ? ["-"] : paths)
            {
                using var input = OpenText(context, name);
                if (input is null)
                {
                    failed = true;
                    continue;
                }

                foreach (var window in StreamingSelectorExtractor.ExtractWithRejected(input.Reader, extractionContext))
                {
                    WriteMentions(context, name, window.Mentions, table);
                    count += window.Mentions.Count;
                    if (parse.GetValue(explain))
                    {
                        WriteRejected(context, name, window.Rejected, rejectedTable);
                        rejectedCount += window.Rejected.Count;
                    }
                }

                if (input.InvalidBytes.Count > 0)
                {
                    context.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(name)}: {input.InvalidBytes.Count:N0} invalid UTF-8 sequences read as U+FFFD");
                }
            }

            if (!context.AsJson)
            {
                context.Out.Write(table);
                context.Out.MarkupLine($"{count:N0} selectors");
                if (parse.GetValue(explain))
                {
                    context.Out.Write(rejectedTable);
                    context.Out.MarkupLine($"{rejectedCount:N0} rejected candidates (never selectors)");
                }
            }

            return failed ? ExitCodes.Partial : ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteMentions(CliContext context, string name, IReadOnlyList<Mention> mentions, Table table)
    {
        foreach (var mention in mentions)
        {
            if (context.AsJson)
            {
                CliContext.WriteJson(new
                {
                    type = mention.Type,
                    value = mention.Value,
                    raw = mention.Raw,
                    start = mention.Start,
                    end = mention.End,
                    confidence = mention.Confidence,
                    obfuscated = mention.Obfuscated,
                    rule = mention.Rule,
                    file = name,
                });
            }
            else
            {
                table.AddRow(Markup.Escape(name), mention.Type, Markup.Escape(mention.Value), Markup.Escape(OneLine(mention.Raw)),
                    $"{mention.Start}–{mention.End}", mention.Confidence.ToString("0.00"), mention.Rule);
            }
        }
    }

    private static void WriteRejected(CliContext context, string name, IReadOnlyList<RejectedCandidate> candidates, Table table)
    {
        foreach (var candidate in candidates)
        {
            if (context.AsJson)
            {
                CliContext.WriteJson(new { rejected = true, type = candidate.Type, raw = candidate.Raw, start = candidate.Start, end = candidate.End, reason = candidate.Reason, file = name });
            }
            else
            {
                table.AddRow(Markup.Escape(name), candidate.Type, Markup.Escape(OneLine(candidate.Raw)), $"{candidate.Start}–{candidate.End}", Markup.Escape(candidate.Reason));
            }
        }
    }

    /// <summary>Listing facts of each input, or of each of its lines; returns how many listings had facts, or -1 when an input could not be read.</summary>
    private static int ExtractFacts(CliContext context, List<(string Name, Func<string?> Read)> inputs, bool perLine)
    {
        var extractor = FactsExtractor.Default;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("listing", "drug", "class", "strength", "form", "quantity", "price", "from → to", "indicators");
        var listings = 0;
        var unreadable = false;
        foreach (var (name, read) in inputs)
        {
            var text = read();
            if (text is null)
            {
                unreadable = true;
                continue;
            }

            var listingsOfInput = perLine
                ? text.ReplaceLineEndings("\n").Split('\n').Select((line, index) => (Line: (int?)(index + 1), Title: (string?)line, Text: (string?)null)).Where(listing => !string.IsNullOrWhiteSpace(listing.Title))
                : [(Line: null, Title: null, Text: text)];
            foreach (var (line, title, body) in listingsOfInput)
            {
                var result = extractor.Extract(title, body);
                if (result.IsEmpty)
                {
                    continue;
                }

                listings++;
                if (context.AsJson)
                {
                    CliContext.WriteJson(new
                    {
                        file = name,
                        line,
                        result.Items,
                        result.Price,
                        result.UnitPrice,
                        result.ShipsFrom,
                        result.ShipsTo,
                        result.ShipsToExcept,
                        result.Routes,
                        result.Terms,
                        result.Indicators,
                    });
                    continue;
                }

                var label = Markup.Escape(line is null ? name : $"{name}:{line}");
                var route = Markup.Escape($"{string.Join(",", result.ShipsFrom)} → {string.Join(",", result.ShipsTo)}{(result.ShipsToExcept.Count > 0 ? " except " + string.Join(",", result.ShipsToExcept) : string.Empty)}");
                var price = result.Price is null ? string.Empty : $"{result.Price.Amount} {result.Price.Currency}" + (result.UnitPrice is { } unit ? $" ({unit.Amount}/{unit.Per})" : string.Empty);
                var indicators = Markup.Escape(string.Join(", ", result.Indicators.Select(indicator => $"{indicator.Kind}: {indicator.Raw}")));
                if (result.Items.Count == 0)
                {
                    table.AddRow(label, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, Markup.Escape(price), route, indicators);
                }

                foreach (var item in result.Items)
                {
                    table.AddRow(label, item.Drug, item.Class, Amount(item.Strength), item.Form, Amount(item.Quantity), Markup.Escape(price), route, indicators);
                    label = price = route = indicators = string.Empty;
                }
            }
        }

        if (!context.AsJson)
        {
            context.Out.Write(table);
            context.Out.MarkupLine($"{listings:N0} listings with facts (lexicon {Markup.Escape(extractor.RulesVersion)})");
        }

        return unreadable ? -1 : listings;
    }

    private static string Amount(FactAmount? amount) => amount is null ? string.Empty : $"{amount.Value} {amount.Unit}";

    private static string? ReadFile(CliContext context, string path, ref bool failed)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                context.Fail($"{path}: no such file");
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                context.Fail($"{path}: {info.Length:N0} bytes is over the {MaxFileBytes:N0}-byte limit; split it first");
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            if (LineReader.TryDecode(bytes, out var text, out var error))
            {
                return text;
            }

            context.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(path)}: {Markup.Escape(error!.Replace("of the record", "of the file", StringComparison.Ordinal))}; invalid bytes read as U+FFFD");
            return Encoding.UTF8.GetString(bytes);
        }
        catch (IOException exception)
        {
            failed = true;
            context.Fail($"{path}: cannot read: {exception.Message}");
            return null;
        }
    }

    /// <summary>A file (or standard input for "-") opened for reading in chunks, never whole; null when it cannot be opened.</summary>
    private static StreamedInput? OpenText(CliContext context, string path)
    {
        var invalid = new InvalidByteCounter();
        if (path == "-")
        {
            return new StreamedInput(Console.In, invalid);
        }

        try
        {
            if (!File.Exists(path))
            {
                context.Fail($"{path}: no such file");
                return null;
            }

            return new StreamedInput(new StreamReader(path, StreamedInput.Utf8(invalid), detectEncodingFromByteOrderMarks: true), invalid);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            context.Fail($"{path}: cannot read: {exception.Message}");
            return null;
        }
    }

    private sealed class InvalidByteCounter
    {
        public long Count { get; set; }
    }

    private sealed record StreamedInput(TextReader Reader, InvalidByteCounter InvalidBytes) : IDisposable
    {
        public static Encoding Utf8(InvalidByteCounter counter) => Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new CountingFallback(counter));

        public void Dispose()
        {
            if (Reader != Console.In)
            {
                Reader.Dispose();
            }
        }
    }

    /// <summary>Reads each invalid UTF-8 sequence as U+FFFD, as a lenient decoder does, and counts them for one warning.</summary>
    private sealed class CountingFallback(InvalidByteCounter counter) : DecoderFallback
    {
        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(counter);

        private sealed class Buffer(InvalidByteCounter counter) : DecoderFallbackBuffer
        {
            private bool pending;

            public override int Remaining => pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                counter.Count++;
                pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!pending)
                {
                    return '\0';
                }

                pending = false;
                return '\uFFFD';
            }

            public override bool MovePrevious() => false;
        }
    }

    private static string OneLine(string raw)
    {
        var flat = raw.ReplaceLineEndings(" ");
        return flat.Length <= 60 ? flat : flat[..57] + "…";
    }
}
