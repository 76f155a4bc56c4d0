namespace Paperwire.Citations;

/// <summary>
/// An author's name split the way reference managers want it. The catalog keeps names as written ("Ada Lovelace");
/// the family name is the last word, less a "Jr."-like suffix, and a group ("The ATLAS Collaboration") stays whole.
/// </summary>
public sealed record PersonName(string Family, string Given, string? Suffix, bool IsGroup)
{
    private static readonly string[] Suffixes = ["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];
    private static readonly string[] GroupWords = ["collaboration", "team", "consortium", "group", "project", "committee"];

    public static PersonName Parse(string name)
    {
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new("", "", null, IsGroup: true);
        }

        if (words.Length == 1 || words.Any(w => GroupWords.Contains(w.ToLowerInvariant().Trim(',', '.'))))
        {
            return new(string.Join(' ', words), "", null, IsGroup: true);
        }

        // "Lovelace, Ada" as some sources write it.
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && comma < name.Length - 1)
        {
            return new(name[..comma].Trim(), name[(comma + 1)..].Trim(), null, IsGroup: false);
        }

        string? suffix = null;
        if (words.Length > 2 && Suffixes.Contains(words[^1]))
        {
            suffix = words[^1];
            words = words[..^1];
        }

        return new(words[^1], string.Join(' ', words[..^1]), suffix, IsGroup: false);
    }
}
