using System.Text;
using System.Text.RegularExpressions;

namespace Paperwire.Citations.Import;

/// <summary>Turns a parsed entry's fields into a <see cref="ReferenceEntry"/>: identifiers found wherever exporters put them.</summary>
public static partial class ReferenceFields
{
    private const int MaxShown = 500;

    // Where Zotero, Mendeley and others mention an arXiv id besides eprint/arxivId: an address, "arXiv:…" in a note
    // or journal, or arXiv's DOI (10.48550/arXiv.…).
    private static readonly string[] BibtexMentions = ["url", "howpublished", "note", "journal", "number", "doi", "eprint", "annote", "volume", "pages", "publisher"];

    public static ReferenceEntry FromBibtex(int line, string? key, IReadOnlyDictionary<string, string> fields)
    {
        var prefix = fields.GetValueOrDefault("archiveprefix") ?? fields.GetValueOrDefault("eprinttype");
        var eprintIsArxiv = prefix is null || prefix.Contains("arxiv", StringComparison.OrdinalIgnoreCase);
        var arxivId = ReferenceIds.ArxivIdField(fields.GetValueOrDefault("arxivid"))
            ?? (eprintIsArxiv ? ReferenceIds.ArxivIdField(fields.GetValueOrDefault("eprint")) : null)
            ?? BibtexMentions.Select(name => ReferenceIds.ArxivIdIn(fields.GetValueOrDefault(name))).FirstOrDefault(id => id is not null);
        var doi = ReferenceIds.Doi(fields.GetValueOrDefault("doi"));
        var authors = fields.GetValueOrDefault("author") is { } names
            ? AndSplit().Split(names).Select(Plain).Where(n => n.Length > 0).ToList()
            : [];
        return new ReferenceEntry(line, Shorten(key), Shown(fields.GetValueOrDefault("title")), authors, Shown(fields.GetValueOrDefault("year")), arxivId, doi);
    }

    public static ReferenceEntry FromRis(int line, IReadOnlyList<(string Tag, string Value)> tags)
    {
        string? First(params string[] names) => tags.FirstOrDefault(t => names.Contains(t.Tag) && t.Value.Length > 0).Value;
        var arxivId = tags.Where(t => t.Tag is "UR" or "L1" or "L2" or "LK" or "N1" or "M1" or "M3" or "AN" or "DO" or "JO" or "JF" or "T2" or "SN" or "ET")
            .Select(t => ReferenceIds.ArxivIdIn(t.Value)).FirstOrDefault(id => id is not null);
        var year = First("PY", "Y1", "DA") is { } date && YearPattern().Match(date) is { Success: true } found ? found.Value : null;
        return new ReferenceEntry(
            line,
            Shorten(First("ID")),
            Shown(First("TI", "T1", "CT", "BT")),
            [.. tags.Where(t => t.Tag is "AU" or "A1" or "A2" && t.Value.Length > 0).Select(t => Plain(t.Value))],
            year,
            arxivId,
            ReferenceIds.Doi(First("DO")));
    }

    /// <summary>BibTeX markup taken off for display and matching: braces, escapes, simple accents.</summary>
    public static string Plain(string tex)
    {
        var text = Accent().Replace(tex, m =>
        {
            var mark = m.Groups["mark"].Value switch
            {
                "'" => "\u0301",
                "`" => "\u0300",
                "^" => "\u0302",
                "\"" => "\u0308",
                "~" => "\u0303",
                "=" => "\u0304",
                "." => "\u0307",
                "c" => "\u0327",
                "v" => "\u030C",
                "u" => "\u0306",
                "H" => "\u030B",
                "r" => "\u030A",
                _ => "",
            };
            var letter = m.Groups["letter"].Value == "\\i" ? "i" : m.Groups["letter"].Value;
            return (letter + mark).Normalize(NormalizationForm.FormC);
        });
        text = Escaped().Replace(text, "$1").Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
        return Ingest.Text.NormalizeWhitespace(text.Replace("~", " ", StringComparison.Ordinal));
    }

    private static string? Shown(string? value) => value is null ? null : Shorten(Plain(value)) is { Length: > 0 } shown ? shown : null;

    private static string? Shorten(string? value) => value is null ? null : value.Length > MaxShown ? value[..MaxShown] + "…" : value;

    [GeneratedRegex(@"\s+and\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"\{?\\(?<mark>['`^""~=.cvuHr])\s*\{?(?<letter>\\i|[A-Za-z])\}?\}?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Accent();

    [GeneratedRegex(@"\\([&%$#_{}])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Escaped();

    [GeneratedRegex(@"[0-9]{4}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex YearPattern();
}
