using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

/// <summary>Sends one CSV table of a trade view as a download named after the view and the table.</summary>
public static class TradeDownload
{
    public static IActionResult File(PageModel page, IReadOnlyList<CsvTable> tables, string table, string name)
    {
        var chosen = tables.FirstOrDefault(candidate => candidate.Name == table)
            ?? throw new BadInputException($"no table '{table}': choose one of {string.Join(", ", tables.Select(candidate => candidate.Name))}");
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return page.File(Encoding.UTF8.GetBytes(chosen.Content), "text/csv; charset=utf-8", $"{safe}-{chosen.Name}.csv");
    }
}
