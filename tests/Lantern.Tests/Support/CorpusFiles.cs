using System.Text.Encodings.Web;
using System.Text.Json;

namespace Lantern.Tests.Support;

/// <summary>Writes generated corpora in the formats scrapers export: JSON Lines, Telegram Desktop's result.json, CSV fields.</summary>
public static class CorpusFiles
{
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions ExportOptions = new(LineOptions) { WriteIndented = true };

    public static string WriteJsonLines(string path, IEnumerable<Dictionary<string, object?>> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines.Select(line => JsonSerializer.Serialize(line, LineOptions)));
        return path;
    }

    /// <summary>A Telegram Desktop export of one chat; its id is made from the chat's name, as stable as the generator.</summary>
    public static string WriteTelegram(string path, string name, string type, IReadOnlyList<object> messages)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var export = new Dictionary<string, object?> { ["name"] = name, ["type"] = type, ["id"] = 1889927310 + name.Length, ["messages"] = messages };
        File.WriteAllText(path, JsonSerializer.Serialize(export, ExportOptions));
        return path;
    }

    /// <summary>A CSV field, quoted when it holds the separator, a quote or a line break.</summary>
    public static string CsvField(string field, char separator) =>
        field.IndexOfAny([separator, '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
