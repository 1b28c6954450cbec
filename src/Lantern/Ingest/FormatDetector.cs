using System.Text;
using System.Text.Json;

namespace Lantern.Ingest;

/// <summary>
/// Chooses a reader for a file: by extension where it is unambiguous, else by looking at the first
/// bytes (a Telegram export is a JSON object with a <c>messages</c> array; JSON Lines is a run of
/// top-level objects; HTML starts with a tag; binary content is mostly control bytes).
/// </summary>
public static partial class FormatDetector
{
    internal static readonly IReadOnlyList<IDocumentReader> Readers =
    [
        new JsonLinesReader(),
        new CsvReader(),
        new TelegramExportReader(),
        new HtmlReader(),
        new WarcReader(),
        new EmailReader(mailbox: false),
        new EmailReader(mailbox: true),
        new PlainTextReader(),
    ];

    public static IReadOnlyList<string> Formats => Readers.Select(reader => reader.Format).ToList();

    internal static IDocumentReader? ByName(string format) =>
        Readers.FirstOrDefault(reader => string.Equals(reader.Format, format, StringComparison.OrdinalIgnoreCase))
        ?? format.ToLowerInvariant() switch
        {
            "json" or "ndjson" => Readers[0],
            "txt" => Readers[^1],
            "htm" => Readers[3],
            "email" => Readers[5],
            _ => null,
        };

    /// <summary>The reader for a file, or the reason none fits (empty, binary, unknown).</summary>
    internal static (IDocumentReader? Reader, string? Problem) Detect(string path)
    {
        var head = new byte[8192];
        int length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (length == 0)
        {
            return (null, "empty file");
        }

        var span = head.AsSpan(0, length);
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // UTF-16 with a byte-order mark: judge the format from its text, not from its zero bytes.
            var layout = FileLayout.Detect(span, forced: null, quotedFields: false);
            span = Encoding.UTF8.GetBytes(TextDecoder.DecodePlain(span[layout.BomLength..], layout.Encoding));
        }

        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".warc", StringComparison.Ordinal) || name.EndsWith(".warc.gz", StringComparison.Ordinal) || span.StartsWith("WARC/"u8))
        {
            return (ByName("warc"), null);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) && GzippedWarc(path))
        {
            return (ByName("warc"), null);
        }

        if (LooksCompressedOrBinary(span) || MostlyControlBytes(span))
        {
            return (null, "binary content (not text); not a format Lantern reads");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".eml":
                return (ByName("eml"), null);
            case ".mbox" or ".mbx":
                return (ByName("mbox"), null);
            case ".jsonl" or ".ndjson":
                return (ByName("jsonl"), null);
            case ".csv" or ".tsv":
                return (ByName("csv"), null);
            case ".html" or ".htm" or ".xhtml":
                return (ByName("html"), null);
        }

        var text = Encoding.UTF8.GetString(span).TrimStart();
        if (text.StartsWith("From ", StringComparison.Ordinal) && MailHeader().IsMatch(text))
        {
            return (ByName("mbox"), null);
        }

        if (MailHeader().IsMatch(text) && text.Contains("\nSubject:", StringComparison.OrdinalIgnoreCase) && (text.StartsWith("Received:", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Return-Path:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("From:", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Date:", StringComparison.OrdinalIgnoreCase)))
        {
            return (ByName("eml"), null);
        }

        if (text.StartsWith('{'))
        {
            if (JsonShape(span, wholeFile: length < head.Length) is { } shape)
            {
                return (ByName(shape), null);
            }

            var firstLine = text.Split(['\n', '\r'], 2)[0].TrimEnd();
            if (firstLine.EndsWith('}') && firstLine.Length > 1)
            {
                return (ByName("jsonl"), null);
            }

            if (text.Contains("\"messages\"", StringComparison.Ordinal))
            {
                return (ByName("telegram"), null);
            }

            return (null, "JSON that is neither JSON Lines nor a Telegram export; use --format");
        }

        if (text.StartsWith('<') && (text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase) || text.Contains("<body", StringComparison.OrdinalIgnoreCase)))
        {
            return (ByName("html"), null);
        }

        if (extension is ".txt" or ".text" or ".md" or ".log" or "")
        {
            return (ByName("text"), null);
        }

        return extension == ".json"
            ? (null, "JSON that is neither JSON Lines nor a Telegram export; use --format")
            : (ByName("text"), null);
    }

    /// <summary>
    /// Tells JSON Lines from a Telegram export by structure, not by line breaks: a top-level object
    /// with a <c>messages</c> array is an export (however it is laid out) unless more top-level objects
    /// follow it; one or more complete objects without one are JSON Lines. Null when the sample does
    /// not decide (its first object is longer than the sample, or is not JSON).
    /// </summary>
    private static string? JsonShape(ReadOnlySpan<byte> sample, bool wholeFile)
    {
        var reader = new Utf8JsonReader(sample, wholeFile, new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 1024 }));
        var messages = false;
        var objects = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("messages"u8)
                    && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                {
                    messages = true;
                }
                else if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject && ++objects == 2)
                {
                    return "jsonl";
                }
            }
        }
        catch (JsonException)
        {
            // A damaged record further on is the reader's to report; the sample up to it decides.
        }

        return messages ? "telegram" : objects == 1 ? "jsonl" : null;
    }

    /// <summary>
    /// Binary data is full of control bytes; text has few or none. A stray NUL in a scraped record
    /// does not make a file binary, so this decides from the share of control bytes in the sample.
    /// </summary>
    private static bool MostlyControlBytes(ReadOnlySpan<byte> sample)
    {
        var control = 0;
        foreach (var value in sample)
        {
            if (value < 0x20 && value is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1B))
            {
                control++;
            }
        }

        return control * 32 > sample.Length;
    }

    private static bool GzippedWarc(string path)
    {
        try
        {
            using var stream = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
            var head = new byte[5];
            return stream.ReadAtLeast(head, 5, throwOnEndOfStream: false) == 5 && head.AsSpan().SequenceEqual("WARC/"u8);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:From|Subject|Date|To|Message-ID|Received|Return-Path):", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MailHeader();

    private static readonly byte[][] BinarySignatures =
    [
        [0x1F, 0x8B], "PK\u0003\u0004"u8.ToArray(), "%PDF"u8.ToArray(), [0x89, (byte)'P', (byte)'N', (byte)'G'], [0xFF, 0xD8, 0xFF],
    ];

    private static bool LooksCompressedOrBinary(ReadOnlySpan<byte> head)
    {
        foreach (var signature in BinarySignatures)
        {
            if (head.StartsWith(signature))
            {
                return true;
            }
        }

        return false;
    }
}
