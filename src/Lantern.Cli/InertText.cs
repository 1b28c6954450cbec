using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Lantern.Cli;

/// <summary>
/// Keeps scraped text inert on the analyst's terminal: every text the console renders has its control
/// characters (ESC, BEL, carriage return, C1 codes) shown as visible symbols and its bidirectional
/// overrides and isolates replaced, so a title or handle can neither send escape sequences (clear the
/// screen, retitle the window, write the clipboard) nor reorder what is shown. The console's own styling
/// is emitted as control segments and passes untouched; --json output escapes these characters already.
/// </summary>
internal sealed class InertText : IRenderHook
{
    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
        renderables.Select(renderable => (IRenderable)new Inert(renderable));

    /// <summary><paramref name="text"/> with what a terminal would act on made visible: C0 controls but line feed and tab as their control pictures (␛, ␇, ␍), DEL as ␡, C1 controls and bidirectional controls as U+FFFD.</summary>
    public static string Clean(string text)
    {
        if (!text.Any(IsActive))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            builder.Append(character switch
            {
                '\n' or '\t' => character,
                < '\u0020' => (char)('\u2400' + character),
                '\u007f' => '\u2421',
                _ when IsActive(character) => '\uFFFD',
                _ => character,
            });
        }

        return builder.ToString();
    }

    private static bool IsActive(char character) => character is (< '\u0020' and not '\n' and not '\t') or (>= '\u007f' and <= '\u009f')
        or '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    private sealed class Inert(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
            inner.Render(options, maxWidth).Select(segment => segment.IsControlCode || segment.IsLineBreak ? segment : new Segment(Clean(segment.Text), segment.Style));
    }
}
