namespace Lantern.Tests.Support;

/// <summary>poppler-utils' pdftoppm, which renders a PDF's pages to PNG the way a reader's viewer would.</summary>
public static class PdfToPpm
{
    public const string ExecutablePath = "/usr/bin/pdftoppm";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string Missing => $"pdftoppm is not installed at {ExecutablePath}; install it with: apt-get install poppler-utils";
}

/// <summary>A test that prints a PDF with Chromium and renders it with pdftoppm; skipped, saying what to install, where either is missing (failing under CI=true).</summary>
public sealed class PdfRenderFactAttribute : FactAttribute
{
    public PdfRenderFactAttribute()
    {
        if (Chromium.IsRequired)
        {
            return;
        }

        if (!Chromium.IsInstalled)
        {
            Skip = Chromium.Missing;
        }
        else if (!PdfToPpm.IsInstalled)
        {
            Skip = PdfToPpm.Missing;
        }
    }
}
