using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace Lantern.Search;

/// <summary>Turns the query parser's complaint into one sentence a person can act on, with the position in the query as typed.</summary>
internal static partial class QueryErrors
{
    /// <param name="typed">The query as the analyst typed it.</param>
    /// <param name="parsed">The query the parser saw (selector values quoted).</param>
    /// <param name="insertedAt">Positions in <paramref name="typed"/> where a character was added to make <paramref name="parsed"/>.</param>
    public static string Explain(string typed, string parsed, IReadOnlyList<int> insertedAt, ParseException exception)
    {
        var cause = exception.InnerException as ParseException ?? exception;
        int Typed(int parsedIndex)
        {
            // Each quote added before this point moved it one to the right.
            var shift = 0;
            foreach (var insert in insertedAt)
            {
                if (insert + shift < parsedIndex)
                {
                    shift++;
                }
            }

            return Math.Clamp(parsedIndex - shift + 1, 1, typed.Length + 1);
        }

        if (exception.InnerException is BooleanQuery.TooManyClausesException)
        {
            // The parser's own message quotes the whole query, which is what makes it long.
            return $"the query has more than {BooleanQuery.MaxClauseCount} terms, more than one search combines: split it into smaller queries";
        }

        if (cause.CurrentToken is null)
        {
            if (!cause.Message.Contains("Lexical error", StringComparison.Ordinal))
            {
                // One of our own messages (a date that is not a date, a selector without a type).
                return cause.Message;
            }

            var column = LexicalColumn().Match(cause.Message) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1 : parsed.Length;
            return parsed.Count(c => c == '"') % 2 == 1
                ? $"a quote is not closed: add the closing \" (position {typed.TrimEnd().Length + 1})"
                : $"the query cannot be read at position {Typed(column)}: write \\ before a special character to search it as written";
        }

        var last = cause.CurrentToken;
        var next = last.Next;
        var atEnd = next is null || next.Kind == 0;
        var expectsClose = cause.ExpectedTokenSequences?.Any(sequence => sequence.Any(kind => cause.TokenImage[kind] is "\")\"" or "\"]\"" or "\"}\"")) ?? false;
        if (atEnd)
        {
            var end = typed.TrimEnd().Length + 1;
            var image = last.Image;
            if (image is null || last.Kind == 0)
            {
                return "the query is empty: type a word, a \"phrase\" or field:value";
            }

            if (image == "TO")
            {
                return $"the range ends after TO: add the upper bound and ']' (position {end})";
            }

            if (image == "^")
            {
                return $"'^' needs a number after it, a boost such as ketamine^2 (position {end})";
            }

            if (image.EndsWith(':'))
            {
                return $"the query ends after '{image}': add the value to look for after it (position {end})";
            }

            if (expectsClose && image != "AND" && image != "OR" && image != "NOT")
            {
                return $"a parenthesis or range is opened but not closed: add ')' or ']' (position {end})";
            }

            return $"the query ends after {Describe(image)}: add a term after it (position {end})";
        }

        var at = Typed(next!.BeginColumn);
        var found = next.Image;
        return found switch
        {
            ")" => $"')' closes nothing: remove it or open a parenthesis before it (position {at})",
            "AND" or "OR" => last.Kind == 0 || last.Image is "AND" or "OR" or "NOT" or "(" or null
                ? $"{found} needs a term on each side (position {at})"
                : $"{found} cannot follow {Describe(last.Image)}: put a term between them (position {at})",
            _ when parsed.Count(c => c == '"') % 2 == 1 => $"a quote is not closed: add the closing \" (position {at})",
            _ => $"the query cannot be read at '{found}' (position {at}): put it in quotes to search it as written, or write \\ before the character",
        };
    }

    private static string Describe(string image) => image switch
    {
        "AND" or "OR" or "NOT" => image,
        "+" or "-" or "!" => $"'{image}'",
        _ => $"'{image}'",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"column (\d+)")]
    private static partial System.Text.RegularExpressions.Regex LexicalColumn();
}
