using Lantern.Cases;
using Lantern.Ingest;
using Lantern.Tests.Support;
using Lantern.Web.Security;

namespace Lantern.Tests.Web;

/// <summary>
/// A demo case served by the web application: the demo corpus, a saved page that tries to run
/// script and load from the network, and one member per role with a password.
/// </summary>
public sealed class WebCase : IDisposable
{
    public static readonly (string Name, Role Role)[] Members =
        [("anna", Role.Analyst), ("sam", Role.Supervisor), ("otto", Role.Auditor), ("ada", Role.Admin), ("lou", Role.Analyst)];

    public WebCase()
    {
        Workspace.IngestDemo();
        var page = Workspace.Folder.File("hostile.html", """
            <html><head><title>Pharmacy offer</title>
            <style>body { background: url(http://tracker.invalid/bg.png); }</style>
            <script>window.__pwned = true; fetch('http://tracker.invalid/beacon');</script></head>
            <body><h1>Oxycodone 80mg no prescription</h1>
            <img src="http://tracker.invalid/pixel.gif" onerror="window.__pwned = true">
            <p style="background-image: url('http://tracker.invalid/inline.png')">Contact pharmacy.sales@protonmail.com for bulk.</p>
            </body></html>
            """);
        Workspace.Ingest(new IngestRequest([page], Site: "pillshop"));
        var admin = Workspace.Session();
        foreach (var (name, role) in Members)
        {
            new CaseAdministration(admin).AddMember(name, role);
            Passwords.Set(admin, name, Password(name));
        }
    }

    public TestWorkspace Workspace { get; } = new();

    public string Root => Workspace.Workspace.Root;

    public static string Password(string name) => $"{name}-correct-horse";

    public IReadOnlyList<AuditEntry> Audit() => new AuditLog(Workspace.Workspace).Entries();

    public void Dispose() => Workspace.Dispose();
}
