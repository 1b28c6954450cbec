using Lantern.Extraction.Validation;

namespace Lantern.Extraction.Types;

internal sealed class EmailType : SelectorType
{
    public override string Name => SelectorTypes.Email;

    public override string Label => "e-mail address";

    public override string Normalize(string value, string? region) => value.Trim().TrimStart('@').ToLowerInvariant();

    public override string? Problem(string normalized) =>
        EmailAddress.IsValid(normalized) ? null : "it is not a well-formed address (local part, @, and a domain with a known top-level domain)";
}
