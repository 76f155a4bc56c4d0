using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Paperwire.Core.Papers;

namespace Paperwire.Citations;

/// <summary>
/// BibTeX in arXiv's style (<c>@misc{key, title, author, year, eprint, archivePrefix, primaryClass, url}</c>), with
/// <c>doi</c> and the journal reference as <c>note</c> when known. Papers without an arXiv id cite their Paperwire page.
/// </summary>
public static partial class BibtexWriter
{
    public static string Write(IReadOnlyList<Paper> papers, IReadOnlyList<string> keys, Uri baseUri)
    {
        var bib = new StringBuilder();
        for (var i = 0; i < papers.Count; i++)
        {
            if (i > 0)
            {
                bib.Append('\n');
            }

            Entry(bib, papers[i], keys[i], baseUri);
        }

        return bib.ToString();
    }

    public static string Write(Paper paper, Uri baseUri) => Write([paper], [CitationKeys.Base(paper)], baseUri);

    private static void Entry(StringBuilder bib, Paper paper, string key, Uri baseUri)
    {
        bib.Append("@misc{").Append(key).Append(",\n");
        Field(bib, "title", LatexText.Title(paper.Title));
        if (Authors(paper) is { Length: > 0 } authors)
        {
            Field(bib, "author", authors);
        }

        Field(bib, "year", paper.PublishedAt.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture));
        if (paper.IsArxivPaper)
        {
            Field(bib, "eprint", paper.Id);
            Field(bib, "archivePrefix", "arXiv");
            if (paper.Categories.FirstOrDefault() is { } primary && SafeVerbatim().IsMatch(primary))
            {
                Field(bib, "primaryClass", primary);
            }
        }

        if (paper.Doi is { } doi && SafeVerbatim().IsMatch(doi))
        {
            Field(bib, "doi", doi);
        }

        if (!string.IsNullOrWhiteSpace(paper.JournalRef))
        {
            Field(bib, "note", LatexText.Escape(Ingest.Text.NormalizeWhitespace(paper.JournalRef)));
        }

        Field(bib, "url", PaperLinks.ArxivAbstract(paper) ?? new Uri(baseUri, PaperLinks.PagePath(paper.Id)).AbsoluteUri);
        bib.Append("}\n");
    }

    /// <summary>"Family, Given and …" so that bibtex never has to guess which word is the family name.</summary>
    private static string Authors(Paper paper) => string.Join(" and ", paper.Authors.Where(a => !a.Hidden && !string.IsNullOrWhiteSpace(a.Name)).Select(a =>
    {
        var name = PersonName.Parse(a.Name);
        if (name.IsGroup)
        {
            return "{" + LatexText.Escape(name.Family) + "}";
        }

        var family = Protect(LatexText.Escape(name.Family));
        var given = Protect(LatexText.Escape(name.Given));
        return name.Suffix is { } suffix ? $"{family}, {LatexText.Escape(suffix)}, {given}" : $"{family}, {given}";
    }));

    // A bare "and" or a comma inside one name would split it; braces keep such a part whole.
    private static string Protect(string part) =>
        part.Contains(',', StringComparison.Ordinal) || part.Split(' ').Any(w => w.Equals("and", StringComparison.OrdinalIgnoreCase)) ? "{" + part + "}" : part;

    private static void Field(StringBuilder bib, string name, string value) => bib.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");

    /// <summary>Identifiers that go into fields biber reads verbatim (doi, url): no braces, backslashes or spaces.</summary>
    [GeneratedRegex(@"^[^\s{}\\%#]+$")]
    private static partial Regex SafeVerbatim();
}
