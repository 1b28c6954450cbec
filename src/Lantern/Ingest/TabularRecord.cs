namespace Lantern.Ingest;

/// <summary>
/// Builds a document from named string fields, as JSON Lines and CSV records give them; slash dates
/// are read in the order their file uses (<see cref="SlashDateSurvey"/>).
/// </summary>
internal static class TabularRecord
{
    public static ReadItem ToDocument(
        IReadOnlyDictionary<string, string> fields,
        Dictionary<string, string> metadata,
        SourceFile file,
        RecordLocation location,
        string? siteOverride,
        string fallbackSite,
        string? defaultSourceId,
        SlashDateOrder slashDates,
        string? defaultKind = null)
    {
        string Field(string name) => fields.TryGetValue(name, out var value) ? value : string.Empty;

        var text = Field(RecordFields.Text);
        var title = RecordFields.NullIfBlank(Field(RecordFields.Title));
        var url = RecordFields.NullIfBlank(Field(RecordFields.Url));
        if (string.IsNullOrWhiteSpace(text) && Field(RecordFields.Html) is { Length: > 0 } html)
        {
            var page = HtmlText.Parse(html);
            text = page.Text;
            title ??= RecordFields.NullIfBlank(page.Title);
        }

        if (string.IsNullOrWhiteSpace(text) && title is null)
        {
            return new IngestProblem(file.DisplayPath, location.ToString(), "record has no text, html or title");
        }

        DateTimeOffset? postedAt = null;
        if (Field(RecordFields.PostedAt) is { Length: > 0 } rawDate)
        {
            if (RecordFields.TryParseDate(rawDate, slashDates, out var parsed))
            {
                postedAt = parsed;
            }
            else
            {
                metadata["posted_at_unparsed"] = rawDate;
            }
        }

        // Columns mapped to facts (--map ships_from=COL) are kept under the fact's name, where facts extraction reads them.
        foreach (var factField in FactColumns.Fields)
        {
            if (RecordFields.NullIfBlank(Field(factField)) is { } factValue)
            {
                metadata[factField] = factValue;
            }
        }

        var site = siteOverride ?? RecordFields.NullIfBlank(Field(RecordFields.Site)) ?? fallbackSite;
        return new Document(
            site,
            RecordFields.NullIfBlank(Field(RecordFields.Id)) ?? defaultSourceId,
            RecordFields.NullIfBlank(Field(RecordFields.Author)),
            title,
            text.Trim(),
            postedAt,
            url,
            RecordFields.NormalizeKind(Field(RecordFields.Kind), defaultKind ?? (url is null ? "post" : "page")),
            RecordFields.NullIfBlank(Field(RecordFields.Thread)),
            metadata.Count > 0 ? metadata : null)
        {
            Location = location,
        };
    }
}
