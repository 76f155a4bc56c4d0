using System.Text;
using System.Text.RegularExpressions;

namespace Paperwire.Search.Keyword;

/// <summary>
/// What a user typed, read as plain words plus "quoted phrases". No other syntax exists: <c>AND</c>, <c>:</c>,
/// <c>*</c>, parentheses and unbalanced quotes are just text, so no input can fail to parse or explode.
/// </summary>
public sealed partial record UserQuery(string Text, string FreeText, IReadOnlyList<string> Phrases)
{
    public static UserQuery Parse(string raw)
    {
        var text = Clean(raw);
        var phrases = new List<string>();
        var free = QuotedPhrase().Replace(text, match =>
        {
            var inner = match.Groups[1].Value.Trim();
            if (inner.Contains(' ', StringComparison.Ordinal))
            {
                phrases.Add(inner);
                return " ";
            }

            return $" {inner} ";
        });

        // What is left of an unbalanced quote is ordinary text.
        return new UserQuery(text, free.Replace('"', ' ').Trim(), phrases);
    }

    public bool IsEmpty => FreeText.Length == 0 && Phrases.Count == 0;

    /// <summary>Control characters (NUL included) and colons become spaces; runs of whitespace collapse.</summary>
    private static string Clean(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        var lastWasSpace = true;
        foreach (var c in raw)
        {
            // A colon joins words for Lucene's tokenizer ("ti:diffusion" would be one unknown word); here it separates.
            var space = char.IsWhiteSpace(c) || char.IsControl(c) || c == ':';
            if (space && lastWasSpace)
            {
                continue;
            }

            builder.Append(space ? ' ' : c);
            lastWasSpace = space;
        }

        return builder.ToString().Trim();
    }

    [GeneratedRegex("\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPhrase();
}
