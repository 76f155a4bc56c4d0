using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Feeds;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary>What the day, week, month and organization pages render: a heading, ranked cards and neighbours.</summary>
public sealed record FeedWindowView(
    string Heading,
    IReadOnlyList<Paper> Papers,
    string? PreviousUrl = null,
    string? PreviousLabel = null,
    string? NextUrl = null,
    string? NextLabel = null,
    string? MoreUrl = null);

/// <summary>Builds <see cref="FeedWindowView"/>s; previous/next skip periods that have no papers.</summary>
public sealed class FeedWindowViews(DailyFeed feed)
{
    public const int PageSize = FeedQuery.MaxLimit;

    public async Task<FeedWindowView> BuildAsync(FeedWindow window, int page, CancellationToken cancellationToken)
    {
        var result = await feed.ReadAsync(new FeedQuery(window, Page: page, Limit: PageSize), cancellationToken);
        var previous = await feed.PreviousDateAsync(window.Start, cancellationToken) is { } before ? FeedWindow.Containing(window.Kind, before) : null;
        var next = await feed.NextDateAsync(window.End, cancellationToken) is { } after ? FeedWindow.TryContaining(window.Kind, after) : null;
        return new FeedWindowView(
            Heading(window),
            [.. result.Entries.Select(e => e.Paper!)],
            previous is null ? null : WindowPaths.PagePath(previous),
            previous?.Title,
            next is null ? null : WindowPaths.PagePath(next),
            next?.Title,
            result.HasMore ? $"{WindowPaths.PagePath(window)}?p={page + 1}" : null);
    }

    private static string Heading(FeedWindow window) => window.Kind switch
    {
        FeedWindowKind.Day => $"Daily Papers · {window.Title}",
        FeedWindowKind.Week => $"Weekly Papers · {window.Title}",
        _ => $"Monthly Papers · {window.Title}",
    };
}
