using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Ingest.Arxiv;
using Paperwire.Storage;

namespace Paperwire.Pages.NewPapers;

/// <summary>
/// <c>/papers/new</c>: "New on arXiv", the catalog's arXiv papers that are not in the daily feed, newest paper date
/// first, filtered by a category (<c>cs.CL</c>) or archive (<c>cs</c>).
/// </summary>
[OutputCache(PolicyName = FeedCache.NewPapers)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class NewPapersModel(LatestPapers latest) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The filter links: the primary categories of this many newest papers, most papers first.</summary>
    public const int CategorySample = 1000;

    public const int CategoryLinks = 20;

    public IReadOnlyList<Paper> Papers { get; private set; } = [];

    public IReadOnlyList<(string Category, int Papers)> Categories { get; private set; } = [];

    public string? Category { get; private set; }

    public int PageNumber { get; private set; }

    public bool HasMore { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? category, string? p, CancellationToken cancellationToken)
    {
        var page = 0;
        if (p is not null && (!int.TryParse(p, out page) || page < 0 || page > Api.DailyPapersRequest.MaxPage))
        {
            return this.BadRequestPage("The page number must be a whole number from 0.");
        }

        Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (Category is not null && !ArxivCategories.IsKnownOrArchive(Category))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(Category)}” is not an arXiv category: try one like cs.CL, or an archive like cs.");
        }

        PageNumber = page;
        (Papers, HasMore) = await latest.OutsideFeedAsync(Category, page, PageSize, cancellationToken);
        var categories = (await latest.OutsideFeedCategoriesAsync(CategorySample, cancellationToken)).Take(CategoryLinks).ToList();
        if (Category is not null && !categories.Any(c => c.Category == Category))
        {
            // An archive (cs) or a rarer category: still shown, and marked as the current filter.
            categories.Insert(0, (Category, Papers.Count));
        }

        Categories = categories;
        ViewData["Title"] = Category is null ? "New on arXiv" : $"New on arXiv · {Category}";
        return Page();
    }

    /// <summary>This list's address with another page or category (null: all categories).</summary>
    public string Link(string? category, int page = 0)
    {
        var query = new Dictionary<string, string?>();
        if (category is not null)
        {
            query["category"] = category;
        }

        if (page > 0)
        {
            query["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "/papers/new" + QueryString.Create(query);
    }
}
