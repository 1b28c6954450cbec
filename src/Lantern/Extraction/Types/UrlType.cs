namespace Lantern.Extraction.Types;

internal sealed class UrlType : SelectorType
{
    public override string Name => SelectorTypes.Url;

    public override string Label => "URL";

    public override string? Problem(string normalized) =>
        Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? null : "it is not an absolute URL with a host";
}
