using System.Net;
using System.Text.RegularExpressions;
using Lantern.Web;

namespace Lantern.Tests.Web;

/// <summary>Marking findings from the document page and downloading the case report from the findings page.</summary>
public sealed class FindingsWebTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static string Token(string page) => Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task ADocumentMarkedAsAFindingIsInTheDownloadedReportWhichNeedsAPurpose()
    {
        var anna = await fixture.SignedIn("anna");
        var doc = fixture.Case.Workspace.Session("anna").Search(new SearchRequest("oxycodone", 1)).Hits[0].Doc;
        var page = await anna.GetStringAsync($"/documents/{doc}");
        Assert.Contains($"value=\"doc:{doc}\"", page, StringComparison.Ordinal);
        var marked = await anna.PostAsync("/findings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["finding"] = $"doc:{doc}",
            ["note"] = "offers oxycodone",
            ["back"] = $"/documents/{doc}",
            ["__RequestVerificationToken"] = Token(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal($"/documents/{doc}", marked.Headers.Location?.OriginalString);

        var findings = await anna.GetStringAsync("/findings");
        Assert.Contains($"doc:{doc}", findings, StringComparison.Ordinal);
        var report = new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(findings) };
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.PostAsync("/findings?handler=Report", new FormUrlEncodedContent(report))).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/findings?handler=Report") { Content = new FormUrlEncodedContent(report) };
        request.Headers.Add(WorkspaceGate.ReasonHeader, "for the prosecutor");
        var download = await anna.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var html = await download.Content.ReadAsStringAsync();
        Assert.Contains("Integrity annex", html, StringComparison.Ordinal);
        Assert.Contains($"data-doc=\"{doc}\"", html, StringComparison.Ordinal);
        Assert.Equal(("anna", "for the prosecutor"), fixture.Case.Audit().Where(entry => entry.Action == "report" && entry.Outcome == "ok").Select(entry => (entry.User, entry.Justification!)).Last());
    }
}
