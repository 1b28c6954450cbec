using System.Diagnostics;
using Lantern.Cases;
using Lantern.Storage;
using Lantern.Tests.Support;

namespace Lantern.Tests.Cases;

/// <summary>
/// Who acts in the CLI: the operating-system account, never a name typed on the command line —
/// unless that account is an admin of the case, and then it is recorded as acting for the member.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IdentityTests
{
    [Fact]
    public void AnAccountThatIsNotAnAdminCannotActAsAnotherMember()
    {
        using var workspace = new TestWorkspace();
        new CaseAdministration(workspace.Session()).AddMember("anna", Role.Analyst);

        var stranger = Assert.Throws<AccessDeniedException>(() => CaseSession.OpenAs(workspace.Workspace, "nobody", "tester"));
        var analyst = Assert.Throws<AccessDeniedException>(() => CaseSession.OpenAs(workspace.Workspace, "anna", "tester"));

        Assert.Contains("nobody may not act as tester", stranger.Message, StringComparison.Ordinal);
        Assert.Contains("anna may not act as tester", analyst.Message, StringComparison.Ordinal);
        var denials = new AuditLog(workspace.Workspace).Entries(action: "act-as");
        Assert.Equal([("nobody", "denied"), ("anna", "denied")], denials.Select(entry => (entry.User, entry.Outcome)));
    }

    [Fact]
    public void AnAdminActingAsAMemberIsRecordedAsSuch()
    {
        using var workspace = new TestWorkspace();
        new CaseAdministration(workspace.Session()).AddMember("anna", Role.Analyst);

        var session = CaseSession.OpenAs(workspace.Workspace, "tester", "anna");
        var listed = new CaseAdministration(session).Members();

        Assert.Equal(("anna", "tester"), (session.User, session.Operator));
        Assert.Equal(2, listed.Count);
        var entry = new AuditLog(workspace.Workspace).Entries()[^1];
        Assert.Equal(("anna", "tester", "tester acting as anna"), (entry.User, entry.Operator, entry.Who));
        Assert.True(new AuditLog(workspace.Workspace).Verify().Intact);
    }

    [Fact]
    public void ANonMembersRefusalReadsAsASentence()
    {
        using var workspace = new TestWorkspace();

        var refusal = Assert.Throws<AccessDeniedException>(() => new CaseAdministration(workspace.Session("mallory")).Members());

        Assert.StartsWith("mallory may not list the case's members: mallory is not a member of case TEST-1.", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkspaceIsCreatedForItsOwnerAloneUnlessSharedWithTheGroup()
    {
        using var folder = new TempFolder();
        using (var own = CaseAdministration.CreateCase(folder.Combine("own"), TestWorkspace.NewCase()))
        {
            Assert.Equal("700", Mode(own.Root));
            Assert.Equal("700", Mode(own.IndexPath));
            foreach (var file in new[] { "lantern.db", "lantern.db-wal", "lantern.db-shm", AuditLog.HeadFileName })
            {
                Assert.Equal("600", Mode(Path.Combine(own.Root, file)));
            }

            Assert.Equal("600", Mode(own.AuditKey!.Path));
            Assert.False(own.AuditKey.Path.StartsWith(own.Root, StringComparison.Ordinal));
        }

        using var shared = CaseAdministration.CreateCase(folder.Combine("shared"), TestWorkspace.NewCase(), shareWithGroup: true);
        Assert.True(shared.SharedWithGroup);
        Assert.Equal("2770", Mode(shared.Root));
        Assert.Equal("660", Mode(Path.Combine(shared.Root, "lantern.db")));
        Assert.Equal("660", Mode(Path.Combine(shared.Root, "lantern.db-wal")));
        Assert.Equal("660", Mode(Path.Combine(shared.Root, AuditLog.HeadFileName)));
    }

    /// <summary>
    /// The issue's attack, as it was made: the built CLI run as the OS user <c>nobody</c> (with
    /// runuser, so the test runs as root) on a case shared with nobody's group.
    /// </summary>
    [Fact]
    public void TheOsUserNobodyCannotActAsAnotherMember()
    {
        Assert.True(Environment.UserName == "root" && File.Exists("/usr/sbin/runuser"), "this test runs the CLI as 'nobody' with runuser, which needs root");
        using var folder = new TempFolder();
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        var root = folder.Combine("ws");
        Assert.Equal(0, LanternProcess.Run(folder.Path, "init", "-w", root, "--case", "OP-NOBODY", "--title", "T", "--legal-basis", "B", "--share-group").ExitCode);
        Assert.Equal(0, LanternProcess.Run(folder.Path, "members", "add", "sup", "--role", "supervisor", "-w", root).ExitCode);
        Run("chgrp", "-R", "nogroup", root);

        var asRoot = AsNobody(folder.Path, null, "members", "add", "nobody", "--role", "supervisor", "-w", root, "--user", "root");
        var asSup = AsNobody(folder.Path, "taken-over-password\n", "members", "passwd", "sup", "--password-stdin", "-w", root, "--user", "sup");
        var asSelf = AsNobody(folder.Path, null, "members", "add", "nobody", "--role", "supervisor", "-w", root);

        Assert.True(asRoot.ExitCode == 3, asRoot.Stderr);
        Assert.Contains("nobody may not act as root", asRoot.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, asSup.ExitCode);
        Assert.Equal(3, asSelf.ExitCode);
        using var workspace = Workspace.Open(root);
        Assert.Equal(["root", "sup"], workspace.Members.All().Select(member => member.Name));
        Assert.Null(workspace.SignIns.Find("sup"));
        var attempts = new AuditLog(workspace).Entries(user: "nobody");
        Assert.Equal([("act-as", "denied"), ("act-as", "denied"), ("members.add", "denied")], attempts.Select(entry => (entry.Action, entry.Outcome)));
    }

    private static CliResult AsNobody(string workingDirectory, string? input, params string[] args)
    {
        var info = LanternProcess.StartInfo(workingDirectory, args);
        info.FileName = "/usr/sbin/runuser";
        info.ArgumentList.Insert(0, "dotnet");
        info.ArgumentList.Insert(0, "--");
        info.ArgumentList.Insert(0, "nobody");
        info.ArgumentList.Insert(0, "-u");
        info.Environment["HOME"] = "/nonexistent";
        info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        info.RedirectStandardInput = true;
        using var process = Process.Start(info)!;
        process.StandardInput.Write(input ?? string.Empty);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "lantern as nobody did not finish");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
