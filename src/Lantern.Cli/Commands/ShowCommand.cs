using System.CommandLine;
using Lantern.Storage;
using Spectre.Console;

namespace Lantern.Cli.Commands;

public static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("doc-id") { Description = "The document id, as search prints it" };
        var command = new Command("show", "Print a document with its provenance: source file, SHA-256, line or byte range, ingest time and user.\nExample: lantern show 3fa94c0e1b2d7a55")
        {
            id,
        };
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var workspace = context.OpenWorkspace();
            context.WriteCaseHeader(workspace);
            var document = new DocumentStore(workspace.Connection).Get(parse.GetValue(id)!);
            if (document is null)
            {
                return context.Fail($"no document with id '{parse.GetValue(id)}' in this case");
            }

            if (context.AsJson)
            {
                context.WriteJson(document);
                return ExitCodes.Success;
            }

            var fields = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    fields.AddRow($"[grey]{name}[/]", Markup.Escape(value));
                }
            }

            Row("doc", document.Id);
            Row("site", document.Site);
            Row("source id", document.SourceId);
            Row("author", document.Author);
            Row("kind", document.Kind);
            Row("posted", document.PostedAt?.ToString("u"));
            Row("url", document.Url);
            Row("thread", document.Thread);
            Row("title", document.Title);
            var provenance = document.Provenance;
            Row("source file", provenance.SourcePath);
            Row("file SHA-256", provenance.SourceSha256);
            Row("record", (provenance.Record is { } record ? $"record {record}, " : string.Empty) + (provenance.Line is { } line ? $"line {line}, " : string.Empty) + $"bytes {provenance.ByteStart}–{provenance.ByteEnd}");
            Row("ingested", $"{provenance.IngestedAt:u} by {provenance.IngestedBy}");
            Row("content SHA-256", document.ContentSha256);
            foreach (var (key, value) in document.Metadata ?? new Dictionary<string, string>())
            {
                Row(key, value);
            }

            context.Out.Write(fields);
            context.Out.WriteLine();
            context.Out.Write(new Panel(Markup.Escape(document.Text)).Header("text").Border(BoxBorder.Rounded));
            context.Out.WriteLine();
            return ExitCodes.Success;
        }));
        return command;
    }
}
