using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Lantern.Search;

/// <summary>
/// Keeps every indexed term within Lucene's limit of 32,766 UTF-8 bytes. A longer value (a scraped
/// author, site or URL can be any length) is indexed as its first characters and the SHA-256 of the
/// whole, so it still matches itself exactly and nothing else; the stored record keeps it whole.
/// </summary>
internal static class IndexTerms
{
    /// <summary>Lucene's <c>IndexWriter.MAX_TERM_LENGTH</c>: a longer term fails the whole document.</summary>
    public const int MaxTermBytes = 32766;

    /// <summary>Characters kept before the hash: at most three UTF-8 bytes each, so with the hash the term stays under the limit.</summary>
    public const int KeptCharacters = 8192;

    public static string Bound(string term)
    {
        if (term.Length * 3 <= MaxTermBytes || Encoding.UTF8.GetByteCount(term) <= MaxTermBytes)
        {
            return term;
        }

        var kept = char.IsHighSurrogate(term[KeptCharacters - 1]) ? KeptCharacters - 1 : KeptCharacters;
        return string.Concat(term.AsSpan(0, kept), "#", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(term))));
    }
}

/// <summary>Applies <see cref="IndexTerms.Bound"/> to each token, at index and at query time alike.</summary>
internal sealed class BoundedTermFilter : TokenFilter
{
    private readonly ICharTermAttribute term;

    public BoundedTermFilter(TokenStream input)
        : base(input) => term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (term.Length * 3 > IndexTerms.MaxTermBytes)
        {
            var bounded = IndexTerms.Bound(term.ToString());
            if (bounded.Length != term.Length)
            {
                term.SetEmpty().Append(bounded);
            }
        }

        return true;
    }
}
