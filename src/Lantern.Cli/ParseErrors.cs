using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Lantern.Cli;

/// <summary>
/// Mistakes on the command line, said in the analyst's terms: which values an option accepts (never a .NET type
/// name), then where to read more — not the whole help text, which buries the one line that matters.
/// </summary>
public static class ParseErrors
{
    /// <summary>Writes each error and a pointer to the command's help; returns exit code 1.</summary>
    public static int Report(ParseResult parse, TextWriter error)
    {
        foreach (var message in parse.Errors.Select(Explain).Distinct(StringComparer.Ordinal))
        {
            error.WriteLine($"error: {message}");
        }

        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult { Command: not RootCommand } command; result = result.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        error.WriteLine($"See 'lantern {string.Concat(names.Select(name => name + " "))}--help' for the options and examples.");
        return ExitCodes.BadInput;
    }

    /// <summary>An option value that does not convert to the option's type becomes the values the option accepts.</summary>
    public static string Explain(ParseError error)
    {
        if (error.SymbolResult is not OptionResult { Option: var option } result || result.Tokens.Count == 0)
        {
            return error.Message;
        }

        var given = result.Tokens[^1].Value;
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(name => name.ToLowerInvariant()).ToList();
            return $"{option.Name} accepts {string.Join(", ", names.SkipLast(1))} or {names[^1]}, not '{given}'";
        }

        if (type == typeof(int) && !int.TryParse(given, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return $"{option.Name} takes a whole number (for example {option.Name} 20), not '{given}'";
        }

        if (type == typeof(double) && !double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return $"{option.Name} takes a number (for example {option.Name} 0.8), not '{given}'";
        }

        return error.Message;
    }
}
