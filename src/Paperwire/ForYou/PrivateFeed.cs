using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperwire.Feeds;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>
/// <c>/feeds/for-you/{secret}.rss|.atom|.json</c>: a reader's For-you ranking (the default window, best first), each
/// item with its reason, for a feed reader, which has no cookie: the secret in the address is the credential
/// (<see cref="PrivateFeedSecrets"/>). An unknown, revoked or malformed secret is the same 404 and nothing is written.
/// The answer is never cached by anyone but the reader's client, and no public page advertises it.
/// </summary>
public static class PrivateFeed
{
    /// <summary>Items per feed: about a screenful of a feed reader, and the page of the ranking a reader looks at.</summary>
    public const int Items = 30;

    /// <summary>Fetches per minute per IP address; a feed reader polls a few times an hour.</summary>
    public const string RateLimit = "private-feed";

    public static string Path(string secret, FeedFormat format) => $"/feeds/for-you/{secret}.{format.Extension()}";

    public static IServiceCollection AddPrivateFeed(this IServiceCollection services)
    {
        services.AddScoped<PrivateFeedSecrets>();
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var scale = Math.Max(1, configuration.GetValue(RateLimits.ScaleSetting, 1));
            options.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                "private-feed-ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 60 * scale, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static WebApplication MapPrivateFeed(this WebApplication app)
    {
        // Not in the /feeds group: that group's output cache would keep one reader's feed for anyone asking.
        app.MapGet("/feeds/for-you/{secret}.{format}", ServeAsync)
            .WithTags("Feeds")
            .WithSummary("Your For-you ranking as RSS, Atom or JSON Feed, each item with its reason; the secret comes from /account/interests.")
            .RequireRateLimiting(RateLimit)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> ServeAsync(
        string secret, string format, HttpContext context, PrivateFeedSecrets secrets, ForYouRanking ranking, PaperwireDbContext db, PublicAddress address, TimeProvider clock, CancellationToken ct)
    {
        // Even a 404 says something about the address; nothing here may be kept by a shared cache or indexed.
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        var userId = FeedFormats.TryParse(format, out var feedFormat) ? await secrets.FindReaderAsync(secret, ct) : null;
        if (userId is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Feed not found", detail: "No private feed has this address; its owner may have replaced it.");
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(ct);
        var items = await ranking.RecommendAsync(userId, requested: null, page: 0, Items, ct);
        var channel = new FeedChannel(
            $"Paperwire: for you, {name}",
            items.Count == 0
                ? "Nothing to recommend yet: upvote, collect or follow something and your picks appear here."
                : $"Papers of the latest {CandidateWindow.DefaultDays} days picked for {name}, best first, each with the reason.",
            "/for-you",
            [.. items.Select(i => i.Paper)],
            // The picks are made for this request, so the channel is as new as the request.
            Updated: clock.GetUtcNow(),
            items.ToDictionary(i => i.Paper.Id, i => i.Reason.Text, StringComparer.Ordinal));
        var baseUri = address.BaseFor(context.Request);
        var feedUri = new Uri(baseUri, Path(secret, feedFormat).TrimStart('/'));
        return Results.Bytes(SyndicationWriter.Write(channel, feedFormat, baseUri, feedUri), feedFormat.ContentType());
    }
}
