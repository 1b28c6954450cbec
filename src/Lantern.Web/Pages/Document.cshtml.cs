using Lantern.Extraction;
using Lantern.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Web.Pages;

public sealed class DocumentModel(WorkspaceGate gate) : PageModel
{
    public DocumentView View { get; private set; } = null!;

    /// <summary>The text cut at the selectors' offsets, so each selector can be a link and the rest plain (encoded) text.</summary>
    public List<(string Text, Mention? Mention)> Segments { get; } = [];

    public IActionResult OnGet(string id)
    {
        var view = gate.AsMember(HttpContext, session => session.View(id));
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        var text = view.Document.Text;
        var position = 0;
        foreach (var mention in view.Mentions.OrderBy(mention => mention.Start))
        {
            if (mention.Start < position || mention.End > text.Length)
            {
                continue;
            }

            Segments.Add((text[position..mention.Start], null));
            Segments.Add((text[mention.Start..mention.End], mention));
            position = mention.End;
        }

        Segments.Add((text[position..], null));
        return Page();
    }
}
