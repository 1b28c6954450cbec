using Lantern.Extraction;
using Lantern.Storage;

namespace Lantern.Graph;

/// <summary>Loads what alias resolution needs from the workspace and resolves it; rights and review decisions are the caller's (the case's door).</summary>
internal sealed class AliasAnalysis(Workspace workspace)
{
    /// <summary>How much text before a mention decides whether it is the author's own or a quote.</summary>
    public const int ContextChars = 80;

    /// <summary>How much text after a mention is read for the same ("is … legit?").</summary>
    public const int AfterChars = 40;
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
    public HashSet<string> RelayHandles(int hubThreshold = AliasResolver.DefaultHubThreshold)
    {
        var documents = workspace.Documents.AuthoredTexts().ToDictionary(document => document.RowId);
        return AliasResolver.RelayHandles(LoadMentions(documents), documents.Values.Select(document => document.Handle).Distinct(StringComparer.Ordinal), hubThreshold);
    }

    /// <summary>
    /// The handles whose documents mention a selector: in how many documents, in how many as their
    /// own (a listing, a profile, or a post that does not point at someone else — the rule alias
    /// resolution uses), and in which kinds of document.
    /// </summary>
    public IReadOnlyList<SelectorHandle> HandlesOf(string type, string value)
    {
        var names = new KnownNames(workspace.Relations.Handles());
        var mentionsByHandle = workspace.Mentions.InAuthoredDocuments(type, value)
            .Select(mention => MentionIn(mention.Handle, mention.DocumentId, mention.Kind, mention.Text, mention.Start, mention.End, type, value,
                mention.Kind is "listing" or "profile" ? null : names.Named(mention.Handle, mention.Title, mention.Text, [(mention.Start, mention.End)])))
            .ToList();
        var advertisers = AliasResolver.Advertisers(mentionsByHandle);
        return mentionsByHandle.GroupBy(mention => mention.Handle, StringComparer.Ordinal)
            .Select(group => new SelectorHandle(
                group.Key,
                group.Select(mention => mention.DocumentId).Distinct().Count(),
                group.Where(mention => AliasResolver.IsOwn(mention, names) && !AliasResolver.QuotesItsAdvertiser(mention, advertisers)).Select(mention => mention.DocumentId).Distinct().Count(),
                group.Select(mention => mention.Kind).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(handle => handle.OwnDocuments).ThenByDescending(handle => handle.Documents).ThenBy(handle => handle.Handle, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A mention as ownership is decided on: with the <see cref="ContextChars"/> of text before it and the <see cref="AfterChars"/> after it.</summary>
    public static HandleMention MentionIn(string handle, string documentId, string kind, string text, int start, int end, string type, string value, IReadOnlyCollection<string>? named = null)
    {
        start = Math.Min(start, text.Length);
        end = Math.Clamp(end, start, text.Length);
        return new HandleMention(handle, documentId, kind, type, value, text[Math.Max(0, start - ContextChars)..start], text[end..Math.Min(text.Length, end + AfterChars)], named);
    }

    private (List<HandleMention> Mentions, List<HandleText> Texts) Load()
    {
        var documents = workspace.Documents.AuthoredTexts().ToDictionary(document => document.RowId);
        var mentions = LoadMentions(documents);

        var texts = documents.Values.GroupBy(document => document.Handle, StringComparer.Ordinal)
            .Select(group => new HandleText(group.Key, group.Take(TextsPerHandle).Select(document => document.Text).ToList(), group.Any(document => document.Kind == "listing"),
                group.Take(TextsPerHandle).Select(document => document.DocumentId).ToList()))
            .ToList();
        return (mentions, texts);
    }

    private List<HandleMention> LoadMentions(Dictionary<long, AuthoredText> documents)
    {
        var names = new KnownNames(documents.Values.Select(document => document.Handle).Distinct(StringComparer.Ordinal));
        var mentions = new List<HandleMention>();
        // Mentions come by document; which other handles a post names is read once per post, its selectors left out.
        foreach (var group in Consecutive(workspace.Mentions.AtLeast(MentionConfidence.Linkable)))
        {
            if (documents.TryGetValue(group[0].DocumentRowId, out var document))
            {
                var named = document.Kind is "listing" or "profile" ? null : names.Named(document.Handle, document.Title, document.Text, group.Select(mention => (mention.Start, mention.End)));
                mentions.AddRange(group.Select(mention => MentionIn(document.Handle, document.DocumentId, document.Kind, document.Text, mention.Start, mention.End, mention.Type, mention.Value, named)));
            }
        }

        return mentions;
    }

    /// <summary>The mentions in runs of one document each, as they are read.</summary>
    private static IEnumerable<List<MentionAt>> Consecutive(IEnumerable<MentionAt> mentions)
    {
        var run = new List<MentionAt>();
        foreach (var mention in mentions)
        {
            if (run.Count > 0 && run[0].DocumentRowId != mention.DocumentRowId)
            {
                yield return run;
                run = [];
            }

            run.Add(mention);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
