using System.Globalization;
using System.Text;
using Paperwire.Core.Papers;

namespace Paperwire.Citations;

/// <summary>
/// RIS as Zotero, Mendeley and EndNote read it: one <c>TY</c>…<c>ER</c> record per paper, one tag per line (CR LF),
/// an author per <c>AU</c> line as "Family, Given". A preprint is <c>UNPB</c>; one with a journal reference <c>JOUR</c>.
/// </summary>
public static class RisWriter
{
    public static string Write(IReadOnlyList<Paper> papers, IReadOnlyList<string> keys, Uri baseUri)
    {
        var ris = new StringBuilder();
        for (var i = 0; i < papers.Count; i++)
        {
            Record(ris, papers[i], keys[i], baseUri);
        }

        return ris.ToString();
    }

    private static void Record(StringBuilder ris, Paper paper, string key, Uri baseUri)
    {
        var published = !string.IsNullOrWhiteSpace(paper.JournalRef);
        Tag(ris, "TY", published ? "JOUR" : "UNPB");
        Tag(ris, "ID", key);
        Tag(ris, "TI", paper.Title);
        foreach (var author in paper.Authors.Where(a => !a.Hidden && !string.IsNullOrWhiteSpace(a.Name)))
        {
            var name = PersonName.Parse(author.Name);
            Tag(ris, "AU", name.IsGroup ? name.Family : name.Suffix is { } suffix ? $"{name.Family}, {name.Given}, {suffix}" : $"{name.Family}, {name.Given}");
        }

        var date = paper.PublishedAt.UtcDateTime;
        Tag(ris, "PY", date.Year.ToString(CultureInfo.InvariantCulture));
        Tag(ris, "DA", date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture));
        if (published)
        {
            Tag(ris, "JO", paper.JournalRef!);
        }
        else if (paper.IsArxivPaper)
        {
            Tag(ris, "PB", "arXiv");
        }

        Tag(ris, "AB", paper.Summary);
        if (paper.Doi is { } doi)
        {
            Tag(ris, "DO", doi);
        }

        Tag(ris, "UR", PaperLinks.ArxivAbstract(paper) ?? new Uri(baseUri, PaperLinks.PagePath(paper.Id)).AbsoluteUri);
        if (PaperLinks.ArxivPdf(paper) is { } pdf)
        {
            Tag(ris, "L1", pdf);
            Tag(ris, "M1", "arXiv:" + paper.Id);
        }

        foreach (var category in paper.Categories)
        {
            Tag(ris, "KW", category);
        }

        ris.Append("ER  - \r\n\r\n");
    }

    // A value is one line: line breaks inside it would start what a reader takes for another tag.
    private static void Tag(StringBuilder ris, string tag, string value)
    {
        var line = Ingest.Text.NormalizeWhitespace(new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]));
        if (line.Length > 0)
        {
            ris.Append(tag).Append("  - ").Append(line).Append("\r\n");
        }
    }
}
