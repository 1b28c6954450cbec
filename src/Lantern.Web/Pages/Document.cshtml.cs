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
        var ordered = view.Mentions.OrderBy(mention => mention.Start).ThenByDescending(mention => mention.End).ToList();
        for (var index = 0; index < ordered.Count; index++)
        {
            var mention = ordered[index];
            // A signed message's mention spans the selectors it announces: those are the links, the signer is in the table.
            var holdsAnother = mention.Rule.StartsWith("pgp-signature", StringComparison.Ordinal) && index + 1 < ordered.Count && ordered[index + 1].Start < mention.End;
            if (mention.Start < position || mention.End > text.Length || holdsAnother)
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
