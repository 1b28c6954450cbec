using PhoneNumbers;

namespace Lantern.Extraction.Types;

internal sealed class PhoneType : SelectorType
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public override string Name => SelectorTypes.Phone;

    public override string Label => "phone number";

    /// <summary>E.164 (+31612345678); a number without a country code is read in the case's region.</summary>
    public override string Normalize(string value, string? region)
    {
        try
        {
            return Phones.Format(Phones.Parse(value.Trim(), region ?? "ZZ"), PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return value.Trim();
        }
    }

    public override string? Problem(string normalized)
    {
        try
        {
            return Phones.IsValidNumber(Phones.Parse(normalized, "ZZ")) ? null : "it is not a valid number in its country's numbering plan";
        }
        catch (NumberParseException)
        {
            return "it is not a number Lantern can read: write it with its country code, e.g. +31 6 1234 5678";
        }
    }
}
