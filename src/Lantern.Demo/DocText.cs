using System.Text;

namespace Lantern.Demo;

/// <summary>Builds a demo document's text piece by piece, remembering every selector and look-alike placed in it.</summary>
internal sealed class DocText
{
    private readonly StringBuilder text = new();
    private readonly List<TruthSelector> selectors = [];
    private readonly List<TruthLookAlike> lookAlikes = [];
    private readonly List<(string Text, string? EntityType)> parts = [];

    public string Plain => text.ToString();

    public void Add(string plain)
    {
        text.Append(plain);
        parts.Add((plain, null));
    }

    public void Selector(string type, string value, string raw, bool obfuscated = false)
    {
        text.Append(raw);
        selectors.Add(new TruthSelector(type, value, raw, obfuscated));
        parts.Add((raw, type switch { "telegram" when !raw.Contains('/', StringComparison.Ordinal) => "mention", "email" when !obfuscated => "email", "phone" => "phone", _ => null }));
    }

    public void LookAlike(string type, string raw)
    {
        text.Append(raw);
        lookAlikes.Add(new TruthLookAlike(type, raw));
        parts.Add((raw, null));
    }

    /// <summary>The text as Telegram Desktop exports it: a plain string, or an array mixing strings and entity objects.</summary>
    public object TelegramEntities()
    {
        if (parts.All(part => part.EntityType is null))
        {
            return Plain;
        }

        var entities = new List<object>();
        for (var index = 0; index < parts.Count; index++)
        {
            var (partText, type) = parts[index];
            if (type == "mention" && entities.Count > 0 && entities[^1] is string previous && previous.EndsWith('@'))
            {
                entities[^1] = previous[..^1];
                entities.Add(new Dictionary<string, string> { ["type"] = "mention", ["text"] = "@" + partText });
            }
            else if (type is not null && type != "mention")
            {
                entities.Add(new Dictionary<string, string> { ["type"] = type, ["text"] = partText });
            }
            else
            {
                entities.Add(partText);
            }
        }

        return entities;
    }

    public TruthDocument Truth(string site, string sourceId, string? author, string kind) =>
        new(site, sourceId, author, kind, selectors.ToList(), lookAlikes.ToList());

}
