using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Core.Papers;
using Paperwire.Core.Readers;
using Paperwire.ForYou;
using Paperwire.Hosting;
using Paperwire.Search;
using Paperwire.Search.Hybrid;
using Paperwire.SearchWeb;
using Paperwire.Storage;

namespace Paperwire.Pages.ForYou;

/// <summary>
/// <c>/for-you</c>: the signed-in reader's personal ranking of new papers (day, week and month tabs), each with
/// its reason. A reader with nothing to rank by yet is asked for a few interests first: categories to follow,
/// papers to pick (from a search or pasted ids), or an author's name for "papers like mine". The same forms stay
/// available under "Add interests" afterwards.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Votes)]
public sealed class IndexModel(
    ForYouRanking ranking,
    ReaderInterests interests,
    AuthorPapers authorPapers,
    SearchResults search,
    PaperCatalog catalog) : PageModel
{
    public const int PageSize = 20;
    public const int SuggestedCategories = 24;
    public const int PickResults = 10;
    public const int PapersLikeMine = 20;

    public ForYouSpan Span { get; private set; } = ForYouSpan.Week;

    public int PageNumber { get; private set; }

    public ForYouPage? Ranking { get; private set; }

    public bool HasMore { get; private set; }

    /// <summary>The tab's days held too few papers, so its window reaches further back (the page says so).</summary>
    public bool Widened { get; private set; }

    public IReadOnlyList<ReaderSignal> Follows { get; private set; } = [];

    public int PickedCount { get; private set; }

    public IReadOnlyList<(string Category, int Papers)> Categories { get; private set; } = [];

    public string? PickQuery { get; private set; }

    public IReadOnlyList<Paper> PickResultsFound { get; private set; } = [];

    public Paper? Dismissed { get; private set; }

    public List<string> Notices { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>First visit (nothing to rank by), or the reader opened "Add interests" by searching for papers to pick.</summary>
    public bool ShowSetup => Ranking is { NeedsInterests: true } || PickQuery is not null || Errors.Count > 0;

    public async Task<IActionResult> OnGetAsync(string? span, int? p, string? q, string? dismissed, CancellationToken cancellationToken)
    {
        if (!ForYouSpans.TryParse(span, out var parsed))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(span)}” is not a For you tab: choose day, week or month.");
        }

        if (!ModelState.IsValid || p is < 0 or > RecommendationsApi.MaxPage)
        {
            return this.BadRequestPage($"Page numbers go from 0 to {RecommendationsApi.MaxPage}.");
        }

        (Span, PageNumber) = (parsed, p ?? 0);
        if (q is not null)
        {
            await SearchPapersToPickAsync(q, cancellationToken);
        }

        if (PaperId.TryNormalize(dismissed, out var dismissedId) && await catalog.FindAsync(dismissedId, cancellationToken) is { } paper)
        {
            Dismissed = paper;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Follows the ticked categories (and one typed in).</summary>
    public async Task<IActionResult> OnPostCategoriesAsync(string[]? category, string? other, CancellationToken cancellationToken)
    {
        var names = (category ?? []).Append(other).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            Errors.Add("Tick a category or type one (like cs.CL, or cs for all of computer science).");
        }

        foreach (var name in names.Take(FollowRules.MaxFollowsPerReader))
        {
            var outcome = await interests.FollowAsync(HttpContext.UserId(), ReaderSignalKind.FollowCategory, name, cancellationToken);
            if (outcome.Succeeded)
            {
                Notices.Add($"Following {name}.");
            }
            else
            {
                Errors.Add(outcome.Status.Detail);
            }
        }

        return await AfterPostAsync(cancellationToken);
    }

    /// <summary>Picks the ticked search results and the pasted ids or addresses.</summary>
    public async Task<IActionResult> OnPostPapersAsync(string[]? pick, string? pasted, CancellationToken cancellationToken)
    {
        if (pasted?.Length > PastedPapers.MaxLength)
        {
            Errors.Add($"That is {pasted.Length:N0} characters; paste at most {PastedPapers.MaxLength:N0} (about {PastedPapers.MaxWords} ids).");
            return await AfterPostAsync(cancellationToken);
        }

        var read = PastedPapers.Read(pasted);
        var ids = (pick ?? []).Take(PastedPapers.MaxWords).Select(id => PaperId.TryNormalize(id, out var normalized) ? normalized : null)
            .OfType<string>().Concat(read.Ids).Distinct(StringComparer.Ordinal).ToList();
        if (read.Unreadable.Count > 0)
        {
            Errors.Add($"Not a paper id or address: {string.Join(", ", read.Unreadable)}. Ids look like 2504.05299 or hep-th/9901001.");
        }

        if (read.Ignored > 0)
        {
            Errors.Add($"Only the first {PastedPapers.MaxWords} ids were read; {read.Ignored} more were not.");
        }

        if (ids.Count == 0)
        {
            if (read.Unreadable.Count == 0)
            {
                Errors.Add("Tick a paper or paste an arXiv id or address.");
            }

            return await AfterPostAsync(cancellationToken);
        }

        var outcome = await interests.PickAsync(HttpContext.UserId(), ids, cancellationToken);
        if (!outcome.Succeeded)
        {
            Errors.Add(outcome.Status.Detail);
            return await AfterPostAsync(cancellationToken);
        }

        if (outcome.Value!.Picked.Count > 0)
        {
            Notices.Add($"Picked {Papers(outcome.Value.Picked.Count)}: For you now ranks new papers by them.");
        }

        if (outcome.Value.NotInCatalog.Count > 0)
        {
            Errors.Add($"Not in this catalog (or withdrawn): {string.Join(", ", outcome.Value.NotInCatalog.Select(Api.ApiProblems.Shorten))}.");
        }

        return await AfterPostAsync(cancellationToken);
    }

    /// <summary>"Papers like mine": follows the author's name and picks their papers in the catalog.</summary>
    public async Task<IActionResult> OnPostAuthorAsync(string? author, CancellationToken cancellationToken)
    {
        var follow = await interests.FollowAsync(HttpContext.UserId(), ReaderSignalKind.FollowAuthor, author, cancellationToken);
        if (!follow.Succeeded)
        {
            Errors.Add(follow.Status.Detail);
            return await AfterPostAsync(cancellationToken);
        }

        var name = follow.Value!.Target;
        var papers = await authorPapers.FindAsync(name, PapersLikeMine, cancellationToken);
        if (papers.Count == 0)
        {
            Notices.Add($"No paper by {name} is in this catalog yet. You follow the name, so their new papers come first when they arrive; pick a few papers you like meanwhile.");
            return await AfterPostAsync(cancellationToken);
        }

        var picked = await interests.PickAsync(HttpContext.UserId(), [.. papers.Select(p => p.Id)], cancellationToken);
        if (!picked.Succeeded)
        {
            Errors.Add(picked.Status.Detail);
        }
        else
        {
            Notices.Add($"Following {name} and picked {Papers(picked.Value!.Picked.Count)} by them: For you now shows papers like theirs.");
        }

        return await AfterPostAsync(cancellationToken);
    }

    /// <summary>The address of this tab and page with other query values (null removes one).</summary>
    public string Link(ForYouSpan? span = null, int? page = null, string? dismissed = null)
    {
        var query = new Dictionary<string, string?>();
        var tab = span ?? Span;
        if (tab != ForYouSpan.Week)
        {
            query["span"] = tab.Name();
        }

        if ((page ?? 0) > 0)
        {
            query["p"] = page!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (dismissed is not null)
        {
            query["dismissed"] = dismissed;
        }

        return ForYouLinks.PagePath + QueryString.Create(query);
    }

    private static string Papers(int count) => count == 1 ? "1 paper" : $"{count} papers";

    /// <summary>A form post shows the page again with what happened (the writes are idempotent, so a reload repeats nothing).</summary>
    private async Task<IActionResult> AfterPostAsync(CancellationToken cancellationToken)
    {
        if (Errors.Count > 0 && Notices.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task SearchPapersToPickAsync(string q, CancellationToken cancellationToken)
    {
        PickQuery = q.Trim();
        if (PickQuery.Length == 0)
        {
            return;
        }

        if (PickQuery.Length > SearchQueryParser.MaxQueryLength)
        {
            Errors.Add($"A search is at most {SearchQueryParser.MaxQueryLength} characters.");
            return;
        }

        var results = await search.RunAsync(new SearchRequest(PickQuery, SearchFilters.None, 0, PickResults), cancellationToken);
        PickResultsFound = [.. results.Hits.Select(h => h.Paper).Where(p => !p.Withdrawn)];
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = HttpContext.UserId();
        var newest = await ranking.NewestPaperDateAsync(cancellationToken);
        var nominal = newest is { } date ? Span.EndingAt(date) : null;
        var window = nominal is null ? null : await ranking.WidenAsync(nominal, Span.MinimumPapers(), cancellationToken);
        Widened = window != nominal;
        // One more than the page asks for says whether a next page exists.
        var ranked = await ranking.RankAsync(userId, window, 0, ((PageNumber + 1) * PageSize) + 1, cancellationToken);
        HasMore = ranked.Items.Count > (PageNumber + 1) * PageSize;
        Ranking = ranked with { Items = [.. ranked.Items.Skip(PageNumber * PageSize).Take(PageSize)] };

        var signals = await interests.ListAsync(userId, cancellationToken);
        Follows = [.. signals.Where(s => FollowRules.FollowKinds.Contains(s.Kind))];
        PickedCount = signals.Count(s => s.Kind == ReaderSignalKind.PickedPaper);
        if (ShowSetup && newest is { } latest)
        {
            var month = await ranking.WidenAsync(ForYouSpan.Month.EndingAt(latest), ForYouSpan.Month.MinimumPapers(), cancellationToken);
            Categories = await ranking.PopularCategoriesAsync(month, SuggestedCategories, cancellationToken);
        }

        // Undone meanwhile, or never marked: no notice.
        if (Dismissed is not null && !signals.Any(s => s.Kind == ReaderSignalKind.NotInterested && s.Target == Dismissed.Id))
        {
            Dismissed = null;
        }
    }
}
