using Paperwire.Core.Papers;

namespace Paperwire;

/// <summary>Where things live: the URLs pages, feeds and the API link to.</summary>
public static class PaperLinks
{
    public static string PagePath(string paperId) => "/papers/" + paperId;

    public static string MarkdownPath(string paperId) => "/papers/" + paperId + ".md";

    public static string OrganizationPath(string name) => "/orgs/" + Uri.EscapeDataString(name);

    public static string UserPath(string userName) => "/u/" + Uri.EscapeDataString(userName);

    /// <summary>New on arXiv in one category (or archive): the catalog's papers outside the daily feed.</summary>
    public static string NewInCategoryPath(string category) => "/papers/new?category=" + Uri.EscapeDataString(category);

    public static string? ArxivAbstract(Paper paper) => paper.IsArxivPaper ? "https://arxiv.org/abs/" + paper.Id : null;

    public static string? ArxivPdf(Paper paper) => paper.IsArxivPaper ? "https://arxiv.org/pdf/" + paper.Id : null;
}
