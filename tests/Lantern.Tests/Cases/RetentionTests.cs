using System.Text;
using Lantern.Cases;
using Lantern.Search;
using Lantern.Storage;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

public sealed class RetentionTests
{
    private const string OldSentence = "Quetzalcoatl wholesale meets at the Rotterdam pier";
    private const string OldEmail = "quetzal.wholesale@protonmail.com";

    [Fact]
    public void ExpiredDocumentsLeaveSearchShowSelectorsAndTheFilesThemselves()
    {
        using var workspace = new TestWorkspace();
        var path = workspace.Folder.File("m.jsonl", string.Join('\n',
            "{\"id\":\"old\",\"site\":\"m\",\"author\":\"A\",\"text\":\"" + OldSentence + ", mail " + OldEmail + "\"}",
            "{\"id\":\"new\",\"site\":\"m\",\"author\":\"B\",\"text\":\"fresh listing of ketamine\"}") + "\n");
        workspace.Ingest(path);
        var oldId = workspace.Search("author:a").Hits.Single().Doc;
        using (var command = workspace.Workspace.Connection.CreateCommand())
        {
            command.CommandText = "UPDATE documents SET ingested_at = '2020-01-01T00:00:00.0000000+00:00' WHERE source_id = 'old'";
            command.ExecuteNonQuery();
        }

        var dry = new Retention(workspace.Session()).Apply(dryRun: true);
        Assert.Equal([oldId], dry.Removed.Select(document => document.Id));
        Assert.Equal(2, workspace.Store.Count());

        var result = new Retention(workspace.Session()).Apply(dryRun: false);

        Assert.Equal([oldId], result.Removed.Select(document => document.Id));
        workspace.Reopen();
        foreach (var file in Directory.EnumerateFiles(workspace.Workspace.Root, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(Contains(bytes, "Quetzalcoatl"), $"{file} still holds the removed text");
            Assert.False(Contains(bytes, OldEmail), $"{file} still holds the removed selector");
        }

        Assert.Empty(workspace.Search("quetzalcoatl").Hits);
        Assert.Empty(workspace.Search($"email:{OldEmail}").Hits);
        Assert.Single(workspace.Search("ketamine").Hits);
        var service = workspace.Session();
        Assert.Null(service.View(oldId));
        Assert.DoesNotContain(service.Selectors(null, 1, 100), selector => selector.Value == OldEmail);
        using var log = workspace.Workspace.Connection.CreateCommand();
        log.CommandText = "SELECT document_id, content_sha256 FROM retention_log";
        using var reader = log.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((oldId, dry.Removed[0].ContentSha256), (reader.GetString(0), reader.GetString(1)));
        Assert.Contains(new AuditLog(workspace.Workspace).Entries(), entry => entry.Action == "retention.apply" && entry.ResultCount == 1);
    }

    [Fact]
    public void AnalystsMayNotApplyRetention()
    {
        using var workspace = new TestWorkspace();
        workspace.Workspace.Members.Grant("anna", Role.Analyst, "tester");

        Assert.Throws<AccessDeniedException>(() => new Retention(workspace.Session("anna")).Apply(dryRun: false));
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle.ToLowerInvariant())) >= 0;
}
