using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Paperwire.Core.Papers;

/// <summary>Recognizes and normalizes paper ids: new and old arXiv ids, and local ids.</summary>
public static partial class PaperId
{
    public const string LocalPrefix = "pw-";

    /// <summary>Long enough for any real id; anything longer is rejected before it reaches a query.</summary>
    public const int MaxLength = 64;

    /// <summary>Normalizes <paramref name="input"/> to a catalog key (version stripped), or returns false.</summary>
    public static bool TryNormalize(string? input, out string id)
    {
        id = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxLength)
        {
            return false;
        }

        var trimmed = input.Trim();
        var match = NewStyle().Match(trimmed);
        if (!match.Success)
        {
            match = OldStyle().Match(trimmed);
        }

        if (match.Success)
        {
            id = match.Groups["id"].Value;
            return true;
        }

        if (Local().IsMatch(trimmed))
        {
            id = trimmed;
            return true;
        }

        return false;
    }

    /// <summary>A stable local id for a paper without an arXiv id, derived from its title.</summary>
    public static string LocalFromTitle(string title)
    {
        var normalized = string.Join(' ', title.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(normalized));
        return LocalPrefix + Convert.ToHexStringLower(hash)[..12];
    }

    [GeneratedRegex(@"^(?:arXiv:)?(?<id>\d{4}\.\d{4,5})(?:v\d+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NewStyle();

    [GeneratedRegex(@"^(?:arXiv:)?(?<id>[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex OldStyle();

    [GeneratedRegex(@"^pw-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Local();
}
