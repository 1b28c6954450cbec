using System.IO.Compression;
using Lantern.Graph;
using Lantern.Search;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Lantern.Web.Api;

public sealed record ReviewRequest(string Cluster, string Decision, string Reason);

public sealed record ExportRequest(string Format);

public sealed record WatchRequest(string Watch);

/// <summary>Alerts to acknowledge: the ids, or every unread one when <see cref="All"/>.</summary>
public sealed record AcknowledgeRequest(IReadOnlyList<long>? Ids, bool All);

/// <summary>
/// The REST API. Each endpoint is one library operation run as the signed-in member: the library
/// checks the member's role, writes the audit entry and throws on refusal (403 with the reason).
/// State-changing calls need the antiforgery token from <c>GET /api/antiforgery</c> in <c>X-CSRF-TOKEN</c>.
/// A justification, where the case requires one, travels in <c>X-Lantern-Reason</c>.
/// </summary>
public static class ApiEndpoints
{
    public static void MapLanternApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Lantern");

        api.MapGet("/case", (HttpContext http, WorkspaceGate gate) => CaseHeader.For(gate, http))
            .WithSummary("The case, its legal basis, and the signed-in member's roles");

        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) => new { token = antiforgery.GetAndStoreTokens(http).RequestToken })
            .WithSummary("A token for X-CSRF-TOKEN on state-changing calls");

        api.MapGet("/search", (HttpContext http, WorkspaceGate gate, string q, int? limit, bool? expand_slang, string? sort, bool? facets, bool? all_versions) =>
            gate.AsMember(http, session => session.Search(new SearchRequest(q, Math.Clamp(limit ?? 20, 1, 500), expand_slang ?? false,
                sort == "date" ? SearchSort.Date : SearchSort.Relevance, facets ?? false, all_versions ?? false))))
            .WithSummary("Search: boolean, phrases, proximity, fuzzy, fields (site:, author:, kind:, posted_at:[… TO …]) and selectors (btc:…, email:…)");

        api.MapGet("/documents/{id}", (HttpContext http, WorkspaceGate gate, string id) =>
            gate.AsMember(http, session => session.View(id) is { } view ? Results.Ok(view) : Results.NotFound(new { error = $"no document {id}" })))
            .WithSummary("A document with its provenance, selectors (UTF-16 offsets into text) and rejected candidates");

        api.MapGet("/selectors", (HttpContext http, WorkspaceGate gate, string? type, int? min_docs, int? limit) =>
            gate.AsMember(http, session => session.Selectors(type, min_docs ?? 1, Math.Clamp(limit ?? 100, 1, 10_000))))
            .WithSummary("Selectors with how many documents and handles carry each");

        api.MapGet("/selectors/{type}/{value}", (HttpContext http, WorkspaceGate gate, string type, string value, int? limit) =>
            gate.AsMember(http, session => CaseViews.Selector(session, type, value, Math.Clamp(limit ?? 50, 1, 500))))
            .WithSummary("A selector: the documents that mention it and the handles whose documents do");

        api.MapGet("/handles/{site}/{author}", (HttpContext http, WorkspaceGate gate, string site, string author, int? limit) =>
            gate.AsMember(http, session => CaseViews.Handle(session, site, author, Math.Clamp(limit ?? 50, 1, 500))))
            .WithSummary("A handle: its documents and the alias clusters it belongs to, with their evidence");

        api.MapGet("/aliases", (HttpContext http, WorkspaceGate gate, double? min_score) =>
            gate.AsMember(http, session => new { clusters = session.Aliases(min_score ?? 0), relays = session.Relays() }))
            .WithSummary("Alias clusters: members, score, evidence and review status; and the relays (handles reposting several actors' selectors) with the identities each carries");

        api.MapGet("/links", (HttpContext http, WorkspaceGate gate, string node, int? hops) =>
            gate.AsMember(http, session => new { node, neighbours = session.Links(node, Math.Clamp(hops ?? 1, 1, 4)) }))
            .WithSummary("The neighbourhood of a handle or selector, each hop with its documents");

        api.MapGet("/graph", (HttpContext http, WorkspaceGate gate, string nodes, int? hops) =>
            gate.AsMember(http, session =>
            {
                var centres = nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                return session.Neighbourhood(centres, Math.Clamp(hops ?? 1, 1, 2));
            }))
            .WithSummary("The union of neighbourhoods around nodes, with communities and PageRank computed on it (for the graph view)");

        api.MapGet("/paths", (HttpContext http, WorkspaceGate gate, string from, string to) =>
            gate.AsMember(http, session => session.Path(from, to)))
            .WithSummary("The shortest path between two handles or selectors, each hop citing its documents");

        api.MapGet("/vendor", (HttpContext http, WorkspaceGate gate, string handle) =>
            gate.AsMember(http, session => session.Vendor(handle)))
            .WithSummary("A vendor's profile (as lantern vendor --json): drugs, routes, unit prices per currency, aliases, sites, first/last seen, documents");

        api.MapGet("/market", (HttpContext http, WorkspaceGate gate, string? drug, string? from, string? to, string? site, DateTimeOffset? since, DateTimeOffset? until) =>
            gate.AsMember(http, session => session.Market(new MarketFilter(drug, from, to, site, since, until))))
            .WithSummary("Routes by drug (listings, vendors) and unit prices by drug, origin and month (median, p25, p75, per currency), as lantern market --json");

        api.MapGet("/network", (HttpContext http, WorkspaceGate gate, int? top, DateTimeOffset? since, DateTimeOffset? until, bool? exact, int? samples) =>
            gate.AsMember(http, session =>
            {
                // A closed request stops the computation: on a large network it is the one long answer the API gives.
                var report = session.Network(since, until, new PathOptions(exact ?? false, samples), http.RequestAborted);
                return report with { Nodes = report.Nodes.Take(Math.Clamp(top ?? 20, 1, 10_000)).ToList() };
            }))
            .WithSummary("Key actors of the relationship-table network: centralities, communities, components");

        api.MapPost("/exports", (HttpContext http, WorkspaceGate gate, [FromBody] ExportRequest request) =>
            gate.AsMember(http, session =>
            {
                var folder = Directory.CreateTempSubdirectory("lantern-export-");
                try
                {
                    var files = session.Export(request.Format, Path.Combine(folder.FullName, $"{session.Workspace.Case.Id}.{request.Format}"));
                    if (files.Count == 1)
                    {
                        var contentType = request.Format == "json" ? "application/json" : "application/xml";
                        return Results.File(File.ReadAllBytes(files[0]), contentType, Path.GetFileName(files[0]));
                    }

                    // The CSV export is two tables (nodes and links): sent together as one zip.
                    using var zip = new MemoryStream();
                    using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        foreach (var file in files)
                        {
                            archive.CreateEntryFromFile(file, Path.GetFileName(file));
                        }
                    }

                    return Results.File(zip.ToArray(), "application/zip", $"{session.Workspace.Case.Id}-csv.zip");
                }
                finally
                {
                    folder.Delete(recursive: true);
                }
            }))
            .WithSummary("Export the entity graph (graphml, gexf, csv nodes table, json for Cytoscape.js), watermarked; needs a justification")
            .AddEndpointFilter(RequireAntiforgery);

        api.MapPost("/reviews", (HttpContext http, WorkspaceGate gate, [FromBody] ReviewRequest request) =>
            gate.AsMember(http, session => session.Review(request.Cluster, request.Decision, request.Reason)))
            .WithSummary("Confirm or reject a suggested alias cluster (supervisors), with the reason")
            .AddEndpointFilter(RequireAntiforgery);

        api.MapGet("/watches", (HttpContext http, WorkspaceGate gate) => gate.AsMember(http, session => new { watches = session.Watches() }))
            .WithSummary("The case's active watches");

        api.MapPost("/watches", (HttpContext http, WorkspaceGate gate, [FromBody] WatchRequest request) => gate.AsMember(http, session => session.AddWatch(request.Watch)))
            .WithSummary("Add a watch: selector:TYPE:VALUE, handle:SITE/AUTHOR or query:TEXT (a selector or handle is a look-up: X-Lantern-Reason where the case requires one)")
            .AddEndpointFilter(RequireAntiforgery);

        api.MapDelete("/watches/{id:long}", (HttpContext http, WorkspaceGate gate, long id) => gate.AsMember(http, session => session.RemoveWatch(id)))
            .WithSummary("Stop a watch (its alerts stay)")
            .AddEndpointFilter(RequireAntiforgery);

        api.MapGet("/alerts", (HttpContext http, WorkspaceGate gate, DateTimeOffset? since, bool? all) => gate.AsMember(http, session => session.Alerts(since, all ?? false)))
            .WithSummary("Alerts raised by the case's watches, newest first; unread (by the signed-in member) only unless all=true — the shape of 'lantern alerts --json'");

        api.MapPost("/alerts/ack", (HttpContext http, WorkspaceGate gate, [FromBody] AcknowledgeRequest request) =>
            gate.AsMember(http, session => new { acknowledged = session.AcknowledgeAlerts(request.All ? null : request.Ids ?? []) }))
            .WithSummary("Acknowledge alerts for the signed-in member: {\"ids\":[…]} or {\"all\":true}")
            .AddEndpointFilter(RequireAntiforgery);

        api.MapGet("/audit", (HttpContext http, WorkspaceGate gate, string? user, string? action, DateTimeOffset? since) =>
            gate.AsMember(http, session => CaseViews.Audit(session, user, action, since)))
            .WithSummary("The audit trail and the verification of its hash chain (auditors)");
    }

    private static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return Results.BadRequest(new { error = "missing or invalid antiforgery token: get one from GET /api/antiforgery and send it in X-CSRF-TOKEN", status = 400 });
        }

        return await next(context);
    }
}
