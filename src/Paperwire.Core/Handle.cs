using System.Text.RegularExpressions;

namespace Paperwire.Core;

/// <summary>
/// User and organization names as they appear in URLs: ASCII letters, digits, '-', '_' and '.', at most 100.
/// Checked before a name reaches a query, so odd input (NUL bytes, 2 KB strings) gets a clear answer.
/// </summary>
public static partial class Handle
{
    public const int MaxLength = 100;

    /// <summary>The rule as a regular expression, also published in the API's OpenAPI document.</summary>
    public const string PatternText = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
