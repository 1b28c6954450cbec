using System.CommandLine;
using System.Text;
using Lantern.Extraction;
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
        var command = new Command("extract", "Find selectors in text without a workspace: e-mails, phones, IPs, onions, URLs, BTC/ETH/XMR wallets, PGP keys, " +
            "Telegram, Session, Wickr, Threema and Signal IDs — each validated (checksums, libphonenumber, BouncyCastle) and normalized.\n" +
            "Offsets are UTF-16 indices into the file's text. With --json: one object a line {type, value, raw, start, end, confidence, obfuscated, rule, file}.\n" +
            "Examples: lantern extract dump.txt --json · cat post.txt | lantern extract --region NL")
        {
            files, region, telegram,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var regionValue = parse.GetValue(region)?.ToUpperInvariant();
            var extractionContext = new ExtractionContext(regionValue, parse.GetValue(telegram));
            var paths = parse.GetValue(files) ?? [];
            var failed = false;
            var inputs = paths.Length == 0 ? [("-", (Func<string?>)(() => Console.In.ReadToEnd()))] : paths.Select(path => (path, (Func<string?>)(() => ReadFile(context, path, ref failed)))).ToList();
            var table = new Table().Border(TableBorder.Rounded).AddColumns("file", "type", "value", "raw", "offsets", "confidence", "rule");
            var count = 0;
            foreach (var (name, read) in inputs)
            {
                var text = read();
                if (text is null)
                {
                    failed = true;
                    continue;
                }

                foreach (var mention in SelectorExtractor.Extract(text, extractionContext).Mentions)
                {
                    count++;
                    if (context.AsJson)
                    {
                        context.WriteJson(new
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

            if (!context.AsJson)
            {
                context.Out.Write(table);
                context.Out.MarkupLine($"{count:N0} selectors");
            }

            return failed ? ExitCodes.Partial : ExitCodes.Success;
        }));
        return command;
    }

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

    private static string OneLine(string raw)
    {
        var flat = raw.ReplaceLineEndings(" ");
        return flat.Length <= 60 ? flat : flat[..57] + "…";
    }
}
