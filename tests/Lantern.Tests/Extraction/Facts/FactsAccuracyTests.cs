using System.Text.Json;
using Lantern.Extraction.Facts;
using Xunit.Abstractions;

namespace Lantern.Tests.Extraction.Facts;

/// <summary>
/// The facts extractor measured on hand-labelled listing titles (Extraction/Facts/listing-titles.json) and route
/// columns (route-columns.json), against the targets of issue 14: drug F1 ≥ 0.93, first item's strength and
/// quantity exact ≥ 0.90, route columns ≥ 98 % in agreement. Each split is measured on its own: "tune" was used
/// to write the rules, "holdout" was labelled with it but never looked at while tuning, "holdout-late" was written
/// after the extractor in other styles.
/// </summary>
public sealed class FactsAccuracyTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Extraction", "Facts");

    public static TheoryData<string> Splits => new() { "tune", "holdout", "holdout-late" };

    [Theory]
    [MemberData(nameof(Splits))]
    public void ListingTitlesMeetTheAccuracyTargets(string split)
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "listing-titles.json")));
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, strengthExact = 0, quantityExact = 0, titles = 0;
        foreach (var row in fixture.RootElement.GetProperty("titles").EnumerateArray().Where(row => row.GetProperty("split").GetString() == split))
        {
            titles++;
            var title = row.GetProperty("title").GetString()!;
            var facts = FactsExtractor.Default.Extract(title, null);
            var expected = row.GetProperty("drugs").EnumerateArray().Select(drug => drug.GetString()!).ToHashSet(StringComparer.Ordinal);
            var found = facts.Items.Select(item => item.Drug).ToHashSet(StringComparer.Ordinal);
            truePositives += found.Intersect(expected).Count();
            falsePositives += found.Except(expected).Count();
            falseNegatives += expected.Except(found).Count();
            var first = facts.Items.FirstOrDefault();
            var strengthRight = Same(row.GetProperty("strength"), first?.Strength);
            var quantityRight = Same(row.GetProperty("quantity"), first?.Quantity);
            strengthExact += strengthRight ? 1 : 0;
            quantityExact += quantityRight ? 1 : 0;
            if (!strengthRight || !quantityRight || !found.SetEquals(expected))
            {
                output.WriteLine($"miss: {title} → {string.Join(",", found)} {first?.Strength} {first?.Quantity}");
            }
        }

        var precision = truePositives / (double)Math.Max(1, truePositives + falsePositives);
        var recall = truePositives / (double)Math.Max(1, truePositives + falseNegatives);
        var f1 = 2 * precision * recall / Math.Max(double.Epsilon, precision + recall);
        output.WriteLine($"{split}: {titles} titles, drug F1 {f1:F3} (P {precision:F3}, R {recall:F3}), strength exact {strengthExact / (double)titles:F3}, quantity exact {quantityExact / (double)titles:F3}");
        Assert.True(titles >= 50, $"{split} has only {titles} titles");
        Assert.True(f1 >= 0.93, $"drug F1 {f1:F3} < 0.93");
        Assert.True(strengthExact / (double)titles >= 0.90, $"strength exact {strengthExact}/{titles} < 0.90");
        Assert.True(quantityExact / (double)titles >= 0.90, $"quantity exact {quantityExact}/{titles} < 0.90");
    }

    [Fact]
    public void RouteColumnsAgreeWithTheHandNormalization()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "route-columns.json")));
        var values = fixture.RootElement.GetProperty("values").EnumerateArray().ToList();
        var agreed = 0;
        foreach (var row in values)
        {
            var value = row.GetProperty("value").GetString()!;
            var normalized = FactsExtractor.Default.NormalizeRoute(value);
            var countries = row.GetProperty("countries").EnumerateArray().Select(code => code.GetString()!).Order(StringComparer.Ordinal);
            var except = row.GetProperty("except").EnumerateArray().Select(code => code.GetString()!).Order(StringComparer.Ordinal);
            if (normalized.Countries.Order(StringComparer.Ordinal).SequenceEqual(countries) && normalized.Except.Order(StringComparer.Ordinal).SequenceEqual(except))
            {
                agreed++;
            }
            else
            {
                output.WriteLine($"miss: {value} → {string.Join(" ", normalized.Countries)} except {string.Join(" ", normalized.Except)}");
            }
        }

        output.WriteLine($"route columns: {agreed}/{values.Count} = {agreed / (double)values.Count:F3}");
        Assert.True(agreed / (double)values.Count >= 0.98, $"route columns agree {agreed}/{values.Count} < 0.98");
    }

    /// <summary>Exact after unit normalization: same unit, value within 1 % (14.17 g for half an ounce of 28.3495 g).</summary>
    private static bool Same(JsonElement expected, FactAmount? found)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return found is null;
        }

        var value = expected.GetProperty("value").GetDouble();
        return found is not null && found.Unit == expected.GetProperty("unit").GetString() && Math.Abs((double)found.Value - value) <= 0.01 * Math.Max(1, value);
    }
}
