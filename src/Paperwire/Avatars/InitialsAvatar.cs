using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Paperwire.Avatars;

/// <summary>
/// The picture of someone (or some organization) with no uploaded image: their initials, white on a colour taken
/// from a hash of the name, so the same name looks the same on every page and every node. Drawn here, never fetched.
/// </summary>
public static class InitialsAvatar
{
    /// <summary>Part of every generated avatar's address; bump it when the drawing changes, so caches let go.</summary>
    public const int Version = 1;

    /// <summary>Names longer than this are refused by the endpoint (no byline holds one).</summary>
    public const int MaxNameLength = 300;

    /// <summary>Backgrounds that white text reads on at a contrast of at least 4.5:1 (WCAG AA), light or dark page.</summary>
    public static readonly IReadOnlyList<string> Palette =
    [
        "#1D4ED8", "#B91C1C", "#047857", "#6D28D9", "#BE185D", "#0F766E",
        "#C2410C", "#4338CA", "#A21CAF", "#15803D", "#0369A1", "#B45309",
        "#475569", "#9F1239",
    ];

    public const string TextColour = "#FFFFFF";

    /// <summary>Up to two letters: the first of the first word and the first of the last ("Ada Lovelace" → "AL").</summary>
    public static string Initials(string? name)
    {
        var words = (name ?? "").Split((char[])[' ', '\t', '\n', '\r', '-', '_', '.', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(FirstLetter)
            .OfType<string>()
            .ToList();
        return words.Count switch
        {
            0 => "?",
            1 => words[0],
            _ => words[0] + words[^1],
        };
    }

    /// <summary>The background for <paramref name="name"/>: the same for the same name, whatever its case or spacing.</summary>
    public static string Background(string? name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(name)));
        return Palette[(int)(BitConverter.ToUInt32(hash, 0) % (uint)Palette.Count)];
    }

    /// <summary>A square SVG; scaled and rounded by the page's CSS. Every character of the name is escaped.</summary>
    public static string Svg(string? name) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" fill="{Background(name)}"/><text x="32" y="32" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="26" font-weight="600" fill="{TextColour}">{Escape(Initials(name))}</text></svg>""";

    /// <summary>A strong validator: the drawing depends on the version and the name alone.</summary>
    public static string ETag(string? name) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Version}:{Normalize(name)}")))[..20] + "\"";

    private static string Normalize(string? name) => string.Join(' ', (name ?? "").Split((char[])[], StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>The first text element of a word when it starts with a letter or digit, upper-cased.</summary>
    private static string? FirstLetter(string word)
    {
        var first = StringInfo.GetNextTextElement(word);
        return Rune.TryGetRuneAt(first, 0, out var rune) && (Rune.IsLetter(rune) || Rune.IsDigit(rune))
            ? first.ToUpperInvariant()
            : null;
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);
}
