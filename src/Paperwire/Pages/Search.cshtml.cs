using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Paperwire.SearchWeb;

namespace Paperwire.Pages;

/// <summary><c>/search?q=</c>: hybrid search with highlights, filters and pages.</summary>
[OutputCache(PolicyName = Hosting.FeedCache.SearchPage)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class SearchModel(SearchResults search) : PageModel
{
    public SearchPage? Results { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string Query => Request.Query["q"].ToString();

    public string Value(string key) => Request.Query[key].ToString();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Query) && Request.Query.Count == 0)
        {
            return Page();
        }

        if (!SearchQueryParser.TryParse(Request.Query, out var request, out var errors))
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Results = await search.RunAsync(request, cancellationToken);
        return Page();
    }

    /// <summary>This search's address with another page number.</summary>
    public string PageLink(int page)
    {
        var query = Request.Query.Where(p => p.Key != "p").ToDictionary(p => p.Key, p => p.Value);
        query["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "/search" + QueryString.Create(query);
    }
}
