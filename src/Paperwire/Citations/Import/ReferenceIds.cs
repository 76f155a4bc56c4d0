using System.Text.RegularExpressions;
using Paperwire.Core.Papers;

namespace Paperwire.Citations.Import;

/// <summary>Finds arXiv ids and DOIs where reference managers put them: fields, arxiv.org addresses, "arXiv:" notes, arXiv DOIs.</summary>
public static partial class ReferenceIds
{
    /// <summary>The arXiv id (no version) in <paramref name="text"/> if it names one as an address, an "arXiv:" tag or an arXiv DOI.</summary>
    public static string? ArxivIdIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = ArxivMention().Match(text);
        return match.Success && Normalize(match.Groups["id"].Value) is { } id ? id : null;
    }

    /// <summary>A bare arXiv id (an <c>eprint</c> or <c>arxivId</c> field: <c>2504.05299v2</c>, <c>hep-th/9901001</c>, <c>arXiv:…</c>).</summary>
    public static string? ArxivIdField(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..].Trim();
        }

        return BareId().IsMatch(text) ? Normalize(text) : ArxivIdIn(value);
    }

    /// <summary>The DOI in <paramref name="text"/> (a bare DOI, <c>doi:</c> or a doi.org address), lower-cased: DOIs ignore case.</summary>
    public static string? Doi(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = DoiPattern().Match(text);
        return match.Success ? match.Value.TrimEnd('.', ',', ';').ToLowerInvariant() : null;
    }

    private static string? Normalize(string id) =>
        PaperId.TryNormalize(id, out var normalized) && !normalized.StartsWith(PaperId.LocalPrefix, StringComparison.Ordinal) ? normalized : null;

    private const string IdPattern = @"(?<id>[0-9]{4}\.[0-9]{4,5}(?:v[0-9]+)?|[a-z][a-z\-]+(?:\.[A-Z]{2})?/[0-9]{7}(?:v[0-9]+)?)";

    [GeneratedRegex(@"^" + IdPattern + "$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BareId();

    [GeneratedRegex(@"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*|10\.48550/arxiv\.)" + IdPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ArxivMention();

    [GeneratedRegex(@"10\.[0-9]{4,9}/[^\s""<>{}]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DoiPattern();
}
