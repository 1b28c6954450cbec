namespace Lantern.Web;

/// <summary>The web host's own entry point; tests host the application through it with WebApplicationFactory, and <c>lantern serve</c> calls <see cref="LanternWebApp.Build"/> directly.</summary>
public sealed class WebEntryPoint
{
    private WebEntryPoint()
    {
    }

    public static void Main(string[] args) => LanternWebApp.Build(args).Run();
}
