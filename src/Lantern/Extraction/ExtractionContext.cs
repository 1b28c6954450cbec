namespace Lantern.Extraction;

/// <summary>What the extractor knows about where a text comes from.</summary>
public sealed record ExtractionContext(string? DefaultRegion = null, bool InTelegramExport = false)
{
    public static ExtractionContext Default { get; } = new();
}
