using Microsoft.AspNetCore.OutputCaching;

namespace Paperwire.Hosting;

/// <summary>
/// Output caching for everything drawn from the catalog and the daily feed (pages, API, syndication feeds).
/// Each policy varies only by the query keys its endpoints read, so junk parameters (<c>?utm=…</c>) cannot
/// fill the cache or force misses. All entries share one tag and are evicted together when data changes, and every
/// key carries the data's version, so an answer computed from data that changed meanwhile outlives it by one poll
/// at most (see <see cref="FeedCacheInvalidator"/>).
/// </summary>
public sealed class FeedCache(IOutputCacheStore store, FeedCacheInvalidator invalidator)
{
    /// <summary>Day, week, month, home and organization pages: the route plus <c>p</c>.</summary>
    public const string Pages = "feed-pages";

    /// <summary><c>/papers/new</c>: <c>category</c> and <c>p</c>.</summary>
    public const string NewPapers = "new-papers";

    /// <summary><c>/api/daily_papers</c>: exactly the parameters it accepts.</summary>
    public const string DailyPapersApi = "feed-api";

    /// <summary>Endpoints whose answer depends on the path alone (paper API, syndication feeds).</summary>
    public const string PathOnly = "feed-path";

    /// <summary><c>/api/papers/{id}</c> and <c>/api/papers/{id}/similar?limit=</c>.</summary>
    public const string PaperApi = "paper-api";

    /// <summary>The search page: every query key (the query, its filters and page); the store's size limit bounds junk keys.</summary>
    public const string SearchPage = "search-page";

    /// <summary>The paper page, which answers HTML, Markdown or a citation depending on its suffix or <c>Accept</c>.</summary>
    public const string PaperPage = "paper-page";

    private const string Tag = "feed";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static void AddPolicies(OutputCacheOptions options)
    {
        options.AddPolicy(Pages, policy => Base(policy).SetVaryByQuery("p"));
        options.AddPolicy(NewPapers, policy => Base(policy).SetVaryByQuery("category", "p"));
        options.AddPolicy(DailyPapersApi, policy => Shared(policy).SetVaryByQuery("date", "week", "month", "submitter", "sort", "p", "limit"), excludeDefaultPolicy: true);
        options.AddPolicy(SearchPage, policy => Base(policy).SetVaryByQuery("*"));
        options.AddPolicy(PathOnly, policy => Shared(policy).SetVaryByQuery([]), excludeDefaultPolicy: true);
        options.AddPolicy(PaperApi, policy => Shared(policy).SetVaryByQuery("limit"), excludeDefaultPolicy: true);
        options.AddPolicy(PaperPage, policy => Base(policy).SetVaryByQuery([])
            .VaryByValue(context => new("format", Paperwire.Pages.PaperModel.Representation(context.Request))));
    }

    /// <summary>Call after a write in this process for an immediate refresh; other writers are caught by polling.</summary>
    public ValueTask InvalidateAsync(CancellationToken cancellationToken)
    {
        // Moves the stamp too, so the signed-in readers' page templates (SignedIn/ReaderTemplates) go at the same time.
        invalidator.NoteLocalChange();
        return store.EvictByTagAsync(Tag, cancellationToken);
    }

    /// <summary>Answers that never depend on who asks: served and kept for token holders and signed-in readers too.</summary>
    private static OutputCachePolicyBuilder Shared(OutputCachePolicyBuilder policy) => Base(policy.AddPolicy<SameForEveryone>());

    private static OutputCachePolicyBuilder Base(OutputCachePolicyBuilder policy) => policy
        .Expire(Lifetime)
        .Tag(Tag)
        .VaryByValue(context => new("data", context.RequestServices.GetRequiredService<FeedCacheInvalidator>().Version));
}
