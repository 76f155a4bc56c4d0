using Paperwire.Community.Collections;
using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.SearchWeb;
using Paperwire.Storage;

namespace Paperwire.Citations;

/// <summary>
/// Lists of papers as BibTeX, RIS or CSL-JSON: a day, week or month of the daily feed (<c>/papers/date/2025-04-07.bib</c>),
/// a collection (<c>/collections/{owner}/{slug}.ris</c>) and a page of search results (<c>/search.csl.json?q=…</c>).
/// One paper's citation is the paper page's (<c>/papers/{id}.bib</c>, Pages/Paper.cshtml.cs).
/// </summary>
public static class CitationEndpoints
{
    /// <summary>At most this many papers go into one export of a day, week or month (most upvoted first).</summary>
    public const int MaxWindowPapers = 1000;

    public static WebApplication MapCitations(this WebApplication app)
    {
        // "{key}.{format}" is a complex segment, which routing prefers to the pages' plain "{key?}". Routing splits at
        // the last dot ("2025-04.csl" and "json"), so the handlers join the two and read the suffix from the whole name.
        var windows = app.MapGroup("/papers").CacheOutput(FeedCache.PathOnly).WithTags("Citations");
        windows.MapGet("/date/{key}.{format}", (string key, string format, HttpContext context, DailyFeed feed, CancellationToken ct) =>
                WindowAsync(context, $"{key}.{format}", FeedWindow.TryParseDay, feed, ct))
            .WithSummary("The papers of one day of the daily feed as .bib, .ris or .csl.json (2025-04-07.bib).");
        windows.MapGet("/week/{key}.{format}", (string key, string format, HttpContext context, DailyFeed feed, CancellationToken ct) =>
                WindowAsync(context, $"{key}.{format}", FeedWindow.TryParseWeek, feed, ct))
            .WithSummary("The papers of one ISO week as .bib, .ris or .csl.json (2025-W15.ris).");
        windows.MapGet("/month/{key}.{format}", (string key, string format, HttpContext context, DailyFeed feed, CancellationToken ct) =>
                WindowAsync(context, $"{key}.{format}", FeedWindow.TryParseMonth, feed, ct))
            .WithSummary("The papers of one month as .bib, .ris or .csl.json (2025-04.csl.json).");
        app.MapGet("/collections/{owner}/{slug}.{format}", (string owner, string slug, string format, HttpContext context, CollectionService service, CancellationToken ct) =>
                CollectionAsync(owner, $"{slug}.{format}", context, service, ct)).WithTags("Citations")
            .WithSummary("A collection's papers in its order as .bib, .ris or .csl.json; private ones for their owner only.");
        app.MapGet("/search.{format}", SearchAsync).WithTags("Citations").CacheOutput(FeedCache.SearchPage)
            .WithSummary("One page of search results (the search page's parameters) as .bib, .ris or .csl.json.");
        return app;
    }

    private delegate bool WindowParser(string? text, out FeedWindow window);

    private static async Task<IResult> WindowAsync(HttpContext context, string file, WindowParser parse, DailyFeed feed, CancellationToken ct)
    {
        if (!CitationFormats.TrySplitSuffix(file, out var key, out var format))
        {
            return UnknownFormat();
        }

        if (!parse(key, out var window))
        {
            return Results.Problem(statusCode: 400, title: "Invalid feed window", detail: $"'{Api.ApiProblems.Shorten(key)}' is not a valid date, week or month.");
        }

        var papers = new List<Paper>();
        for (var page = 0; papers.Count < MaxWindowPapers; page++)
        {
            var read = await feed.ReadAsync(new FeedQuery(window, Page: page, Limit: FeedQuery.MaxLimit), ct);
            papers.AddRange(read.Entries.Select(e => e.Paper!));
            if (!read.HasMore)
            {
                break;
            }
        }

        return Export(context, format, papers.Take(MaxWindowPapers).ToList(), $"paperwire-{window.Key}");
    }

    private static async Task<IResult> CollectionAsync(string owner, string file, HttpContext context, CollectionService service, CancellationToken ct)
    {
        if (!CitationFormats.TrySplitSuffix(file, out var slug, out var format))
        {
            return UnknownFormat();
        }

        var collection = await service.FindVisibleAsync(owner, slug, await CollectionsFeature.OptionalUserIdAsync(context), ct);
        if (collection is null)
        {
            return Results.Problem(statusCode: 404, title: "Collection not found", detail: $"No collection {Api.ApiProblems.Shorten(slug)} by {Api.ApiProblems.Shorten(owner)}.");
        }

        // A private collection's export is its owner's alone: no shared cache may keep it.
        context.Response.Headers.CacheControl = collection.IsPublic ? "public, max-age=600" : "private, no-store";
        return Export(context, format, [.. collection.Items.Select(i => i.Paper).OfType<Paper>()], $"{collection.OwnerName}-{collection.Slug}");
    }

    private static async Task<IResult> SearchAsync(string format, HttpContext context, SearchResults search, CancellationToken ct)
    {
        if (!CitationFormats.TrySplitSuffix("." + format, out _, out var citation))
        {
            return UnknownFormat();
        }

        if (!SearchQueryParser.TryParse(context.Request.Query, out var request, out var errors))
        {
            return Results.ValidationProblem(errors, title: "Invalid search");
        }

        var page = await search.RunAsync(request, ct);
        return Export(context, citation, [.. page.Hits.Select(h => h.Paper)], "paperwire-search");
    }

    private static IResult Export(HttpContext context, CitationFormat format, IReadOnlyList<Paper> papers, string name)
    {
        var baseUri = context.RequestServices.GetRequiredService<PublicAddress>().BaseFor(context.Request);
        // inline: a browser shows the text; "Save as" and reference managers take the file name.
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{Safe(name)}{format.Suffix()}\"";
        return Results.Text(format.Write(papers, baseUri), format.ContentType());
    }

    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);

    private static IResult UnknownFormat() =>
        Results.Problem(statusCode: 404, title: "Unknown citation format", detail: "Citations are served as .bib (BibTeX), .ris (RIS) or .csl.json (CSL-JSON).");
}
