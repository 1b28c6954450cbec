using Lantern.Extraction.Facts;

namespace Lantern.Cases;

/// <summary>The listing facts of the case's documents.</summary>
public sealed partial class CaseSession
{
    /// <summary>
    /// The documents with listing facts, in the order they were stored, optionally only those of a
    /// site or offering a drug. The drug may be named as a listing would (Xanax, Subutex, molly): it
    /// is matched by its lower-case INN or common name. Audited as "facts" with the count.
    /// </summary>
    public IReadOnlyList<DocumentFacts> Facts(string? site = null, string? drug = null)
    {
        site = string.IsNullOrWhiteSpace(site) ? null : site.Trim();
        var inn = string.IsNullOrWhiteSpace(drug) ? null : DrugName(drug.Trim());
        return Perform(Permission.Search, "facts", new { site, drug, inn }, () => Workspace.Facts.List(site, inn).ToList(),
            facts => facts.Count);
    }

    /// <summary>The INN or common name a drug name stands for, or the name itself in lower case when the lexicon does not know it.</summary>
    private static string DrugName(string name)
    {
        var lower = name.ToLowerInvariant();
        var known = FactsExtractor.Default.Drugs.Select(entry => entry.Drug).ToHashSet(StringComparer.Ordinal);
        return known.Contains(lower) ? lower
            : FactsExtractor.Default.Extract(name, null).Items is [var item, ..] ? item.Drug
            : lower;
    }
}
