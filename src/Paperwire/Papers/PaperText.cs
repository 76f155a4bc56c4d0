using System.Globalization;
using Paperwire.Core.Papers;

namespace Paperwire;

/// <summary>How papers read on cards, pages and in Markdown.</summary>
public static class PaperText
{
    private const int NamesShown = 5;

    /// <summary>"A, B and C", "A, B, C, D, E and 7 more", or "12 authors" when only the count is known.</summary>
    public static string Authors(Paper paper)
    {
        var names = paper.Authors.Where(a => !a.Hidden).Select(a => a.Name).ToList();
        if (names.Count == 0)
        {
            return paper.AuthorCount switch
            {
                0 => "Authors unknown",
                1 => "1 author",
                var n => $"{n} authors",
            };
        }

        if (names.Count > NamesShown)
        {
            return $"{string.Join(", ", names.Take(NamesShown))} and {names.Count - NamesShown} more";
        }

        return names.Count == 1 ? names[0] : $"{string.Join(", ", names.SkipLast(1))} and {names[^1]}";
    }

    public static string AllAuthors(Paper paper) => paper.Authors.Count == 0
        ? Authors(paper)
        : string.Join(", ", paper.Authors.Where(a => !a.Hidden).Select(a => a.Name));

    public static string Comments(int count) => count == 1 ? "1 comment" : $"{count} comments";

    public static string Results(int count) => count == 1 ? "1 result" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} results");

    public static string ShortDate(DateTimeOffset value) => value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string ShortDate(DateOnly value) => value.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string IsoDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
