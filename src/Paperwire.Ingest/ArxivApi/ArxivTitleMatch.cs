using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Paperwire.Core.Papers;

namespace Paperwire.Ingest.ArxivApi;

/// <summary>What matching one local paper against arXiv's answer found: its twin, or why there is none.</summary>
public sealed record TitleMatchOutcome(Paper? Twin, string Reason);

/// <summary>
/// Finds the arXiv twin of a paper known only by title (the demo corpus): the arXiv API is asked for the title
/// as a phrase, and a result counts only when its title is the same after <see cref="Normalize"/>: never a fuzzy
/// guess. Two arXiv papers with that title, or a twin whose author count or date disagrees with what the local
/// paper knows, leave the paper as it is.
/// </summary>
public static partial class ArxivTitleMatch
{
    /// <summary>Results asked for: a phrase this long rarely matches more than a handful of titles.</summary>
    public const int MaxResults = 10;

    /// <summary>
    /// The title as a key: TeX accents and commands spelled out (<c>\"o</c> → o, <c>$\alpha$</c> → alpha), diacritics
    /// and ligatures folded (é → e, ﬁ → fi), lower case, every run of punctuation and white space one space.
    /// </summary>
    public static string Normalize(string title)
    {
        var text = TexAccent().Replace(title, "$1");
        text = TexCommand().Replace(text, m => Formatting.Contains(m.Groups[1].Value) ? " " : m.Groups[1].Value).Normalize(NormalizationForm.FormKD);
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                key.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return Text.NormalizeWhitespace(key.ToString());
    }

    /// <summary>
    /// The <c>search_query</c> for <paramref name="title"/> (unescaped): its normalized words as one quoted
    /// <c>ti:</c> phrase. Only ASCII letters and digits reach the query, so no quote, colon, parenthesis or
    /// boolean operator of the title can change its meaning; a word that is not ASCII splits the phrase in two,
    /// joined by AND. Null when no word is left to ask for.
    /// </summary>
    public static string? Query(string title)
    {
        var phrases = new List<string>();
        var words = new List<string>();
        foreach (var word in Normalize(title).Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(""))
        {
            if (word.Length > 0 && word.All(char.IsAsciiLetterOrDigit))
            {
                words.Add(word);
            }
            else if (words.Count > 0)
            {
                phrases.Add($"ti:\"{string.Join(' ', words)}\"");
                words.Clear();
            }
        }

        return phrases.Count == 0 ? null : string.Join(" AND ", phrases);
    }

    /// <summary>The one result that is <paramref name="local"/>'s twin, or why none is.</summary>
    public static TitleMatchOutcome Choose(Paper local, IEnumerable<Paper> results)
    {
        var key = Normalize(local.Title);
        var same = results.Where(r => r.IsArxivPaper && Normalize(r.Title) == key).DistinctBy(r => r.Id).ToList();
        if (same.Count == 0)
        {
            return new(null, "no arXiv paper has this title");
        }

        if (same.Count > 1)
        {
            return new(null, $"{same.Count} arXiv papers have this title ({string.Join(", ", same.Select(p => p.Id))})");
        }

        var twin = same[0];
        if (local.AuthorCount > 0 && twin.Authors.Count != local.AuthorCount)
        {
            return new(null, $"{twin.Id} has this title but {twin.Authors.Count} authors, not {local.AuthorCount}");
        }

        // The local date is the day the paper was on a Daily Papers page: on or after its arXiv date, rarely years later.
        if (local.PublishedAt > DateTimeOffset.UnixEpoch
            && (twin.PublishedAt > local.PublishedAt.AddDays(2) || twin.PublishedAt < local.PublishedAt.AddYears(-2)))
        {
            return new(null, $"{twin.Id} has this title but is dated {twin.PublishedAt:yyyy-MM-dd}, far from {local.PublishedAt:yyyy-MM-dd}");
        }

        return new(twin, $"matched {twin.Id}");
    }

    /// <summary>TeX commands that only set type: <c>\textbf{Fast}</c> is the word Fast.</summary>
    private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "text", "textbf", "textit", "textrm", "textsc", "texttt", "emph", "mbox", "mathrm", "mathbf", "mathit", "mathcal", "mathbb", "mathsf", "boldsymbol",
    };

    /// <summary><c>\'e</c>, <c>\"{o}</c>, <c>\~n</c>: the accented letter, its accent dropped.</summary>
    [GeneratedRegex(@"\\['""`^~=.]\{?([A-Za-z])\}?", RegexOptions.CultureInvariant)]
    private static partial Regex TexAccent();

    /// <summary><c>\alpha</c>: the command's name as a word (braces and <c>$</c> are punctuation).</summary>
    [GeneratedRegex(@"\\([A-Za-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex TexCommand();
}
