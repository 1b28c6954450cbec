using System.Text;
using MimeKit;

namespace Lantern.Ingest;

/// <summary>
/// E-mail: a single message (<c>.eml</c>) or a mailbox (<c>.mbox</c>), parsed with MimeKit. Each
/// message is a document of kind <c>email</c>: the author is the From address, the title the subject,
/// the source id the Message-ID. The text starts with the address headers, so their addresses become
/// selectors, then the plain-text body (or the visible text of the HTML body).
/// </summary>
internal sealed class EmailReader(bool mailbox) : IDocumentReader
{
    public string Format => mailbox ? "mbox" : "eml";

    public IEnumerable<ReadItem> Read(SourceFile file, ReadOptions options)
    {
        using var stream = File.OpenRead(file.Path);
        var parser = new MimeParser(stream, mailbox ? MimeFormat.Mbox : MimeFormat.Entity);
        var site = options.Site ?? Path.GetFileNameWithoutExtension(file.Path);
        long number = 0;
        while (!parser.IsEndOfStream)
        {
            number++;
            var (message, error) = Parse(parser);
            if (message is null)
            {
                yield return new IngestProblem(file.DisplayPath, $"message {number}", $"not a readable e-mail message ({error}); the rest of the file is skipped");
                yield break;
            }

            var start = mailbox ? parser.MboxMarkerOffset : 0;
            var end = mailbox ? Math.Max(start, parser.Position) : file.Size;
            var location = new RecordLocation(start, end, Record: mailbox ? number : null);
            yield return ToDocument(message, site, location);
            if (!mailbox)
            {
                yield break;
            }
        }
    }

    private static (MimeMessage? Message, string? Error) Parse(MimeParser parser)
    {
        try
        {
            return (parser.ParseMessage(), null);
        }
        catch (FormatException exception)
        {
            return (null, exception.Message);
        }
    }

    private static Document ToDocument(MimeMessage message, string site, RecordLocation location)
    {
        var text = new StringBuilder();
        void Header(string name, InternetAddressList addresses)
        {
            if (addresses.Count > 0)
            {
                text.Append(name).Append(": ").Append(addresses.ToString()).Append('\n');
            }
        }

        Header("From", message.From);
        Header("Reply-To", message.ReplyTo);
        Header("To", message.To);
        Header("Cc", message.Cc);
        text.Append('\n');
        var body = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText.ToVisibleText(html) : string.Empty);
        text.Append(body.Trim());

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var attachments = message.Attachments.Select(part => part.ContentDisposition?.FileName ?? part.ContentType.Name).Where(name => name is not null).ToList();
        if (attachments.Count > 0)
        {
            metadata["attachments"] = string.Join(", ", attachments);
        }

        foreach (var name in new[] { "X-Mailer", "User-Agent", "X-Originating-IP", "Received" })
        {
            if (message.Headers[name] is { Length: > 0 } value)
            {
                metadata[name.ToLowerInvariant()] = value;
            }
        }

        var from = message.From.Mailboxes.FirstOrDefault();
        DateTimeOffset? sent = message.Date == DateTimeOffset.MinValue ? null : message.Date.ToUniversalTime();
        return new Document(
            site,
            RecordFields.NullIfBlank(message.MessageId),
            from?.Address?.ToLowerInvariant() ?? RecordFields.NullIfBlank(message.From.ToString()),
            RecordFields.NullIfBlank(message.Subject),
            text.ToString().Trim(),
            sent,
            null,
            "email",
            RecordFields.NullIfBlank(message.InReplyTo),
            metadata.Count > 0 ? metadata : null)
        {
            Location = location,
        };
    }
}
