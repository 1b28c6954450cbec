using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lantern.Tests.Web;

/// <summary>Watches and alerts through the web application: the API, the header's unread count and the alerts page's acknowledge button.</summary>
public sealed class AlertsWebTests
{
    [Fact]
    public async Task AWatchAddedOverTheApiAlertsInTheHeaderAndIsAcknowledgedOnTheAlertsPage()
    {
        using var fixture = new ApiFixture();
        var lou = await fixture.SignedIn("lou");
        var token = (await lou.GetFromJsonAsync<JsonElement>("/api/antiforgery")).GetProperty("token").GetString()!;
        var add = new HttpRequestMessage(HttpMethod.Post, "/api/watches") { Content = JsonContent.Create(new { watch = "query:quetzalwatchword" }) };
        add.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.OK, (await lou.SendAsync(add)).StatusCode);

        fixture.Case.Workspace.Ingest(fixture.Case.Workspace.Folder.File("later.jsonl",
            "{\"id\":\"w1\",\"site\":\"laterforum\",\"author\":\"Newcomer\",\"text\":\"quetzalwatchword in stock\"}\n"));

        var alerts = await lou.GetFromJsonAsync<JsonElement>("/api/alerts");
        Assert.Equal(1, alerts.GetProperty("unread").GetInt32());
        var document = alerts.GetProperty("alerts")[0].GetProperty("documents")[0];
        Assert.Equal(("laterforum", "w1"), (document.GetProperty("site").GetString(), document.GetProperty("source_id").GetString()));
        Assert.Contains("data-testid=\"unread-alerts\">1<", await lou.GetStringAsync("/aliases"), StringComparison.Ordinal);

        var page = await lou.GetStringAsync("/alerts");
        var formToken = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var id = alerts.GetProperty("alerts")[0].GetProperty("id").GetInt64();
        var acknowledged = await lou.PostAsync("/alerts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = formToken,
        }));
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Equal(0, (await lou.GetFromJsonAsync<JsonElement>("/api/alerts")).GetProperty("unread").GetInt32());
        Assert.Contains("data-testid=\"unread-alerts\">0<", await lou.GetStringAsync("/alerts"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"unread-alerts\">1<", await (await fixture.SignedIn("anna")).GetStringAsync("/aliases"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await lou.PostAsync("/alerts", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode);
    }
}
