using Paperwire.Feeds;

namespace Paperwire.Community.Collections;

/// <summary>
/// <c>/feeds/collections/{owner}/{slug}.rss|.atom|.json</c>: a public collection's papers in the owner's order.
/// Private and unknown collections are the same 404, so a private collection's name does not leak. The feed is
/// anonymous (readers have no cookie), so the owner's own private collections have no feed either.
/// </summary>
public static class CollectionFeeds
{
    public static RouteGroupBuilder MapCollectionFeeds(this RouteGroupBuilder feeds)
    {
        feeds.MapGet("/collections/{owner}/{slug}.{format}", ServeAsync)
            .WithSummary("A public collection as RSS, Atom or JSON Feed, papers in the collection's order.");
        return feeds;
    }

    private static async Task<IResult> ServeAsync(string owner, string slug, string format, HttpContext context, CollectionService service, CancellationToken ct)
    {
        if (!FeedFormats.TryParse(format, out var feedFormat))
        {
            return Results.Problem(statusCode: 404, title: "Unknown feed format", detail: "Feeds are served as .rss, .atom or .json.");
        }

        var collection = await service.FindVisibleAsync(owner, slug, viewerId: null, ct);
        if (collection is null)
        {
            return Results.Problem(statusCode: 404, title: "Feed not found", detail: "No such public collection.");
        }

        // Only papers go into items; notes stay on the page, since feed readers may treat item text as HTML.
        var channel = new FeedChannel(
            $"Paperwire: {collection.Name} (a collection by {collection.OwnerName})",
            collection.Description ?? $"Papers collected by {collection.OwnerName}, in their order.",
            CollectionPaths.PagePath(collection.OwnerName, collection.Slug),
            [.. collection.Items.Select(i => i.Paper).OfType<Core.Papers.Paper>()],
            Updated: collection.UpdatedAt);
        var request = context.Request;
        var baseUri = context.RequestServices.GetRequiredService<Hosting.PublicAddress>().BaseFor(request);
        var feedUri = new Uri(baseUri, request.Path.Value!.TrimStart('/'));
        return Results.Bytes(SyndicationWriter.Write(channel, feedFormat, baseUri, feedUri), feedFormat.ContentType());
    }
}
