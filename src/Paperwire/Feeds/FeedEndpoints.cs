using Paperwire.Core.Feed;
using Paperwire.Hosting;

namespace Paperwire.Feeds;

/// <summary>RSS, Atom and JSON Feed for the latest day, a day, a week, a month and an organization.</summary>
public static class FeedEndpoints
{
    public static IServiceCollection AddPaperwireFeeds(this IServiceCollection services) => services.AddScoped<FeedChannels>();

    public static WebApplication MapPaperwireFeeds(this WebApplication app)
    {
        var feeds = app.MapGroup("/feeds").CacheOutput(FeedCache.PathOnly).WithTags("Feeds");
        feeds.MapGet("/latest.{format}", (string format, HttpContext context, FeedChannels channels, CancellationToken ct) =>
            Serve(context, format, () => channels.LatestAsync(ct)!));
        feeds.MapGet("/date/{key}.{format}", (string key, string format, HttpContext context, FeedChannels channels, CancellationToken ct) =>
            ServeWindow(context, key, format, FeedWindow.TryParseDay, channels, ct));
        feeds.MapGet("/week/{key}.{format}", (string key, string format, HttpContext context, FeedChannels channels, CancellationToken ct) =>
            ServeWindow(context, key, format, FeedWindow.TryParseWeek, channels, ct));
        feeds.MapGet("/month/{key}.{format}", (string key, string format, HttpContext context, FeedChannels channels, CancellationToken ct) =>
            ServeWindow(context, key, format, FeedWindow.TryParseMonth, channels, ct));
        feeds.MapGet("/orgs/{name}.{format}", (string name, string format, HttpContext context, FeedChannels channels, CancellationToken ct) =>
            Serve(context, format, () => channels.OrganizationAsync(name, ct)));
        Community.Collections.CollectionFeeds.MapCollectionFeeds(feeds);
        return app;
    }

    private delegate bool WindowParser(string? text, out FeedWindow window);

    private static Task<IResult> ServeWindow(HttpContext context, string key, string format, WindowParser parse, FeedChannels channels, CancellationToken ct) =>
        parse(key, out var window)
            ? Serve(context, format, async () => await channels.WindowAsync(window, ct))
            : Task.FromResult(Results.Problem(statusCode: 400, title: "Invalid feed window", detail: $"'{Api.ApiProblems.Shorten(key)}' is not a valid date, week or month."));

    private static async Task<IResult> Serve(HttpContext context, string extension, Func<Task<FeedChannel?>> load)
    {
        if (!FeedFormats.TryParse(extension, out var format))
        {
            return Results.Problem(statusCode: 404, title: "Unknown feed format", detail: "Feeds are served as .rss, .atom or .json.");
        }

        var channel = await load();
        if (channel is null)
        {
            return Results.Problem(statusCode: 404, title: "Feed not found", detail: "No such organization.");
        }

        var request = context.Request;
        var baseUri = context.RequestServices.GetRequiredService<Hosting.PublicAddress>().BaseFor(request);
        var feedUri = new Uri(baseUri, request.Path.Value!.TrimStart('/'));
        return Results.Bytes(SyndicationWriter.Write(channel, format, baseUri, feedUri), format.ContentType());
    }
}
