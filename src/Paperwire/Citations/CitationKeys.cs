using System.Globalization;
using System.Text;
using Paperwire.Core.Papers;

namespace Paperwire.Citations;

/// <summary>
/// Citation keys as Google Scholar and many LaTeX users write them: first author's family name, year, first
/// significant title word (<c>vaswani2017attention</c>), ASCII only. Unique inside one export: a key already taken
/// gets a, b, c… in the order the papers are exported, so the same list always gets the same keys.
/// </summary>
public static class CitationKeys
{
    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "on", "of", "in", "for", "to", "and", "at", "by", "with", "from", "is", "are", "towards", "toward",
    };

    public static IReadOnlyList<string> For(IReadOnlyList<Paper> papers)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>(papers.Count);
        foreach (var paper in papers)
        {
            var key = Base(paper);
            if (!taken.Add(key))
            {
                key = Suffixed(key, taken);
                taken.Add(key);
            }

            keys.Add(key);
        }

        return keys;
    }

    public static string Base(Paper paper)
    {
        var first = paper.Authors.FirstOrDefault(a => !a.Hidden)?.Name;
        // Letters only: a family name folded to nothing ("李", "1") gives "anon" rather than a key starting with a digit.
        var family = first is null ? "" : new string([.. Fold(PersonName.Parse(first).Family).Where(char.IsAsciiLetter)]);
        var word = Words(Fold(paper.Title)).FirstOrDefault(w => !MinorWords.Contains(w)) ?? "";
        var year = paper.PublishedAt.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture);
        return (family.Length == 0 ? "anon" : Limit(family)) + year + Limit(word);
    }

    private static string Suffixed(string key, HashSet<string> taken)
    {
        for (var n = 0; ; n++)
        {
            // a … z, then aa, ab …
            var suffix = n < 26 ? ((char)('a' + n)).ToString() : $"{(char)('a' + (n / 26) - 1)}{(char)('a' + (n % 26))}";
            if (!taken.Contains(key + suffix))
            {
                return key + suffix;
            }
        }
    }

    private static string Limit(string word) => word.Length > 20 ? word[..20] : word;

    private static string[] Words(string folded) =>
        folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Lower-case ASCII letters and digits; accents dropped (é → e), other characters become spaces.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
            else if (LatexText.FoldLetter(c) is { } letters)
            {
                folded.Append(letters);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c != '\'' && c != '’')
            {
                folded.Append(' ');
            }
        }

        return folded.ToString();
    }
}
