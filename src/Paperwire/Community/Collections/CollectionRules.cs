using System.Globalization;
using System.Text;

namespace Paperwire.Community.Collections;

/// <summary>Limits and the slug rule for collections.</summary>
public static class CollectionRules
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxNoteLength = 2000;
    public const int MaxCollectionsPerUser = 100;
    public const int MaxItemsPerCollection = 500;

    /// <summary>Room left in the 80-character slug column for a "-123" suffix.</summary>
    private const int MaxSlugBase = 60;

    /// <summary>URL name from a collection name: ASCII letters and digits in lower case, words joined by '-'.</summary>
    public static string Slugify(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString();
        slug = (slug.Length > MaxSlugBase ? slug[..MaxSlugBase] : slug).Trim('-');
        return slug.Length == 0 ? "collection" : slug;
    }

    /// <summary>The first of <paramref name="slug"/>, slug-2, slug-3… not in <paramref name="taken"/>.</summary>
    public static string Unique(string slug, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(slug))
        {
            return slug;
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{slug}-{n}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Null when <paramref name="text"/> is acceptable free text of at most <paramref name="max"/> characters, else why not.</summary>
    public static string? CheckText(string? text, int max, string what) =>
        text is null ? null
        : text.Length > max ? $"The {what} is longer than {max} characters."
        : text.Contains('\0', StringComparison.Ordinal) ? $"The {what} contains a NUL character."
        : null;
}
