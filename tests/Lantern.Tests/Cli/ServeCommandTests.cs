using Lantern.Cases;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lantern.Storage;
using Lantern.Tests.Support;
using Lantern.Web.Security;

namespace Lantern.Tests.Cli;

public sealed class ServeCommandTests
{
    [Fact]
    public void MembersSetTheirOwnPasswordAdminsAnyonesAndOthersAreRefused()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("ws");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-8", "--title", "Op Eight", "--legal-basis", "Order 8").ExitCode);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "members", "add", "jdevries", "--role", "analyst", "-w", root).ExitCode);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "members", "add", "kbakker", "--role", "analyst", "-w", root).ExitCode);

        var own = LanternProcess.RunWithInput(folder.Path, "lantern-is-lit-42\n", "members", "passwd", "jdevries", "--password-stdin", "-w", root, "--user", "jdevries");
        Assert.True(own.ExitCode == 0, own.Stderr);
        var byAdmin = LanternProcess.RunWithInput(folder.Path, "kb-temporary-pass\n", "members", "passwd", "kbakker", "--password-stdin", "-w", root);
        Assert.Equal(0, byAdmin.ExitCode);
        var refused = LanternProcess.RunWithInput(folder.Path, "not-my-account-1\n", "members", "passwd", "kbakker", "--password-stdin", "-w", root, "--user", "jdevries");
        Assert.Equal(3, refused.ExitCode);
        var tooShort = LanternProcess.RunWithInput(folder.Path, "short\n", "members", "passwd", "jdevries", "--password-stdin", "-w", root, "--user", "jdevries");
        Assert.Equal(1, tooShort.ExitCode);
        Assert.Contains("at least", tooShort.Stderr, StringComparison.Ordinal);

        using var workspace = Workspace.Open(root);
        var failures = new SignInFailures(TimeSpan.FromMinutes(1));
        Assert.Equal(SignInOutcome.Success, Passwords.SignIn(workspace, "jdevries", "lantern-is-lit-42", DateTimeOffset.UtcNow, failures));
        Assert.Equal(SignInOutcome.Success, Passwords.SignIn(workspace, "kbakker", "kb-temporary-pass", DateTimeOffset.UtcNow, failures));
        Assert.Equal(SignInOutcome.Failed, Passwords.SignIn(workspace, "kbakker", "not-my-account-1", DateTimeOffset.UtcNow, failures));
        Assert.Contains(new Lantern.Cases.AuditLog(workspace).Entries(), entry => entry is { Action: "members.passwd", User: "jdevries", Outcome: "denied" });
    }

    [Fact]
    public async Task ServeAnswersOnTheGivenAddressUntilStopped()
    {
        using var folder = new TempFolder();
        var root = folder.Combine("ws");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-9", "--title", "Op Nine", "--legal-basis", "Order 9").ExitCode);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var process = Process.Start(LanternProcess.StartInfo(folder.Path, "serve", "-w", root, "--urls", $"http://127.0.0.1:{port}"))!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? page = null;
            for (var attempt = 0; attempt < 100 && page is null; attempt++)
            {
                try
                {
                    page = await client.GetAsync("/signin");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.NotNull(page);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("OP-9", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/case")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // The console is for what the person running the server must see (where it listens, sign-ins,
        // real problems), not a line per request burying it.
        var console = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        Assert.Contains($"127.0.0.1:{port}", console, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", console, StringComparison.Ordinal);
        Assert.DoesNotContain("Request finished", console, StringComparison.Ordinal);
    }
}
