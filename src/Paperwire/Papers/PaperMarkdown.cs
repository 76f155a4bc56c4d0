using System.Globalization;
using System.Text;
using Paperwire.Core.Papers;

namespace Paperwire;

/// <summary>The paper as Markdown (<c>/papers/{id}.md</c>), for readers, scripts and LLM tools.</summary>
public static class PaperMarkdown
{
    public static string Render(Paper paper, Uri baseUri)
    {
        var markdown = new StringBuilder();
        markdown.Append(CultureInfo.InvariantCulture, $"# {Escape(paper.Title)}\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"**Authors:** {Escape(PaperText.AllAuthors(paper))}  \n");
        markdown.Append(CultureInfo.InvariantCulture, $"**Published:** {PaperText.IsoDate(paper.PublishedAt)}  \n");
        if (paper.FeedEntry is { } entry)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"**In the daily feed:** {entry.FeedDate:yyyy-MM-dd}  \n");
        }

        if (paper.Organization is { } org)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"**Organization:** [{Escape(org.FullName)}]({new Uri(baseUri, PaperLinks.OrganizationPath(org.Name))})  \n");
        }

        markdown.Append(CultureInfo.InvariantCulture, $"**Upvotes:** {paper.Upvotes}  \n");
        var links = Links(paper, baseUri).Select(link => $"[{link.Label}]({link.Url})").ToList();
        markdown.Append(CultureInfo.InvariantCulture, $"**Links:** {string.Join(" · ", links)}\n\n");
        markdown.Append("## Abstract\n\n");
        markdown.Append(paper.Summary).Append('\n');
        return markdown.ToString();
    }

    public static IEnumerable<(string Label, string Url)> Links(Paper paper, Uri baseUri)
    {
        yield return ("Paperwire", new Uri(baseUri, PaperLinks.PagePath(paper.Id)).AbsoluteUri);
        foreach (var link in ArxivLinks(paper))
        {
            yield return link;
        }

        foreach (var link in CodeLinkList.For(paper))
        {
            yield return (link.Where.StartsWith("on GitLab", StringComparison.Ordinal) ? "Code (GitLab)"
                : link.Label == "Hugging Face" ? $"Hugging Face {Ingest.Arxiv.PaperLinksFinder.HuggingFaceKind(link.Url)}" : link.Label, link.Url);
        }
    }

    public static IEnumerable<(string Label, string Url)> ArxivLinks(Paper paper)
    {
        if (PaperLinks.ArxivAbstract(paper) is { } abs)
        {
            yield return ("arXiv", abs);
            yield return ("PDF", PaperLinks.ArxivPdf(paper)!);
        }
    }

    // Titles can hold characters Markdown treats as syntax; the abstract is left as written (TeX included).
    private static string Escape(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
