using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>The market view: the records of <c>lantern market --json</c> for the filter in the query string, as tables and charts.</summary>
public sealed class MarketModel(WorkspaceGate gate) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Drug { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Site { get; set; }

    /// <summary>Posted (else collected) on or after this day, yyyy-MM-dd.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    /// <summary>Posted (else collected) on or before this day, yyyy-MM-dd (the whole day).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Until { get; set; }

    public MarketReport? Report { get; private set; }

    public void OnGet() => Report = gate.AsMember(HttpContext, session => session.Market(Filter()));

    /// <summary>One table of the report as CSV, the CLI's <c>--csv</c> file: an export, needing the purpose and audited.</summary>
    public IActionResult OnPostCsv(string table)
    {
        var tables = gate.AsMember(HttpContext, session => session.ExportMarket(Filter(), "download"));
        return TradeDownload.File(this, tables, table, "market");
    }

    private MarketFilter Filter() => new(Drug, From, To, Site, Day(Since, "since")?.ToDateTime(TimeOnly.MinValue),
        Day(Until, "until")?.ToDateTime(TimeOnly.MaxValue));

    private static DateOnly? Day(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new BadInputException($"{name} '{value}' is not a date (yyyy-MM-dd)");
}
