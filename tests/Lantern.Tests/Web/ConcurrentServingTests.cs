using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Lantern.Cases;
using Lantern.Storage;
using Lantern.Tests.Support;
using Lantern.Web;
using Lantern.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lantern.Tests.Web;

/// <summary>The server answering many signed-in members at once while a real <c>lantern ingest</c> process writes the case.</summary>
public sealed class ConcurrentServingTests
{
    private const int Documents = 30_000;

    [Fact]
    public async Task FiftyParallelApiSearchesDuringACliIngestAllSucceedAndSeeEveryDocumentAfterwards()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("ws");
        using (var workspace = CaseAdministration.CreateCase(root, TestWorkspace.NewCase() with { CreatedBy = Environment.UserName }))
        {
            var admin = CaseSession.Open(workspace, Environment.UserName);
            new CaseAdministration(admin).AddMember("anna", Role.Analyst);
            Passwords.Set(admin, "anna", WebCase.Password("anna"));
        }

        var input = folder.Combine("big.jsonl");
        await using (var writer = new StreamWriter(input))
        {
            for (var index = 0; index < Documents; index++)
            {
                await writer.WriteLineAsync($"{{\"id\":\"{index}\",\"site\":\"market\",\"author\":\"vendor{index % 97}\",\"text\":\"listing {index} zzcommon of ketamine shipped from the netherlands\"}}");
            }
        }

        using var factory = new WebApplicationFactory<WebEntryPoint>().WithWebHostBuilder(builder => builder.UseSetting("Lantern:Workspace", root));
        var sessions = new List<HttpClient>();
        for (var index = 0; index < 5; index++)
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            await ApiFixture.SignIn(client, "anna", WebCase.Password("anna"));
            sessions.Add(client);
        }

        using var ingest = Process.Start(LanternProcess.StartInfo(folder.Path, "ingest", input, "-w", root))!;
        var output = Task.WhenAll(ingest.StandardOutput.ReadToEndAsync(), ingest.StandardError.ReadToEndAsync());
        var clock = Stopwatch.StartNew();
        while (!WriteLock.IsHeld(root) && !ingest.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        var errors = new ConcurrentBag<string>();
        var answered = 0;
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async searcher =>
        {
            var client = sessions[searcher % sessions.Count];
            for (var round = 0; round < 4; round++)
            {
                var response = await client.GetAsync("/api/search?q=zzcommon&limit=5");
                if (!response.IsSuccessStatusCode)
                {
                    errors.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    continue;
                }

                Interlocked.Increment(ref answered);
            }
        }));

        Assert.True(ingest.WaitForExit(TimeSpan.FromMinutes(2)), "the ingest did not finish");
        var texts = await output;
        Assert.True(ingest.ExitCode == 0, string.Join('\n', texts));
        Assert.Empty(errors);
        Assert.Equal(200, answered);

        // The shared reader sees the ingest's last commit within its refresh interval.
        JsonElement last = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            last = await sessions[0].GetFromJsonAsync<JsonElement>("/api/search?q=zzcommon&limit=1");
            if (last.GetProperty("total").GetInt64() == Documents)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal(Documents, last.GetProperty("total").GetInt64());
        Assert.Equal(0, last.GetProperty("not_yet_searchable").GetInt64());
        using var check = Workspace.Open(root);
        Assert.Equal(Documents, check.Documents.Count());
        var audit = new AuditLog(check);
        Assert.True(audit.Verify().Intact, "every concurrent request's audit entry chains to the one before");
        Assert.True(audit.Entries(user: "anna", action: "search").Count >= 200);
    }
}
