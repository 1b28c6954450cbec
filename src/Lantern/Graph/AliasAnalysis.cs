using Lantern.Extraction;
using Lantern.Storage;

namespace Lantern.Graph;

/// <summary>Loads what alias resolution needs from the workspace and resolves it; rights and review decisions are the caller's (the case's door).</summary>
internal sealed class AliasAnalysis(Workspace workspace)
{
    /// <summary>How much text before a mention decides whether it is the author's own or a quote.</summary>
    public const int ContextChars = 80;
    private const int TextsPerHandle = 200;

    public IReadOnlyList<AliasCluster> Clusters(double minScore = 0, int hubThreshold = AliasResolver.DefaultHubThreshold)
    {
        var (mentions, texts) = Load();
        return AliasResolver.Resolve(mentions, texts, hubThreshold).Where(cluster => cluster.Score >= minScore).ToList();
    }

    /// <summary>The handles that repost several actors' selectors, with what each carries.</summary>
    public IReadOnlyList<AliasRelay> Relays(int hubThreshold = AliasResolver.DefaultHubThreshold)
    {
        var (mentions, texts) = Load();
        return AliasResolver.ResolveWithRelays(mentions, texts, hubThreshold).Relays;
    }

    /// <summary>Every pair weighed for a suggestion, with its evidence features, shown or not.</summary>
    public IReadOnlyList<AliasResolver.SuggestionCandidate> SuggestionCandidates(int hubThreshold = AliasResolver.DefaultHubThreshold)
    {
        var (mentions, texts) = Load();
        return AliasResolver.SuggestionCandidates(mentions, texts, hubThreshold);
    }

    /// <summary>The relays' handles only: what links and the graph view mark, without weighing any suggestion.</summary>
    public HashSet<string> RelayHandles(int hubThreshold = AliasResolver.DefaultHubThreshold) =>
        AliasResolver.RelayHandles(LoadMentions(workspace.Documents.AuthoredTexts().ToDictionary(document => document.RowId)), hubThreshold);

    /// <summary>
    /// The handles whose documents mention a selector: in how many documents, in how many as their
    /// own (a listing, a profile, or a post that does not point at someone else — the rule alias
    /// resolution uses), and in which kinds of document.
    /// </summary>
    public IReadOnlyList<SelectorHandle> HandlesOf(string type, string value)
    {
        var mentionsByHandle = workspace.Mentions.InAuthoredDocuments(type, value)
            .Select(mention => MentionIn(mention.Handle, mention.DocumentId, mention.Kind, mention.Text, mention.Start, type, value))
            .ToList();
        return mentionsByHandle.GroupBy(mention => mention.Handle, StringComparer.Ordinal)
            .Select(group => new SelectorHandle(
                group.Key,
                group.Select(mention => mention.DocumentId).Distinct().Count(),
                group.Where(AliasResolver.IsOwn).Select(mention => mention.DocumentId).Distinct().Count(),
                group.Select(mention => mention.Kind).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(handle => handle.OwnDocuments).ThenByDescending(handle => handle.Documents).ThenBy(handle => handle.Handle, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A mention as ownership is decided on: with the <see cref="ContextChars"/> of text before it.</summary>
    public static HandleMention MentionIn(string handle, string documentId, string kind, string text, int start, string type, string value)
    {
        start = Math.Min(start, text.Length);
        return new HandleMention(handle, documentId, kind, type, value, text[Math.Max(0, start - ContextChars)..start]);
    }

    private (List<HandleMention> Mentions, List<HandleText> Texts) Load()
    {
        var documents = workspace.Documents.AuthoredTexts().ToDictionary(document => document.RowId);
        var mentions = LoadMentions(documents);

        var texts = documents.Values.GroupBy(document => document.Handle, StringComparer.Ordinal)
            .Select(group => new HandleText(group.Key, group.Take(TextsPerHandle).Select(document => document.Text).ToList(), group.Any(document => document.Kind == "listing")))
            .ToList();
        return (mentions, texts);
    }

    private List<HandleMention> LoadMentions(Dictionary<long, AuthoredText> documents)
    {
        var mentions = new List<HandleMention>();
        foreach (var mention in workspace.Mentions.AtLeast(MentionConfidence.Linkable))
        {
            if (documents.TryGetValue(mention.DocumentRowId, out var document))
            {
                mentions.Add(MentionIn(document.Handle, document.DocumentId, document.Kind, document.Text, mention.Start, mention.Type, mention.Value));
            }
        }

        return mentions;
    }
}
