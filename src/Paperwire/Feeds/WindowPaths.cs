using Paperwire.Core.Feed;

namespace Paperwire.Feeds;

/// <summary>Page and feed URLs of a feed window.</summary>
public static class WindowPaths
{
    public static string PagePath(FeedWindow window) => $"/papers/{Segment(window.Kind)}/{window.Key}";

    /// <summary>The page of a kind without a key: the latest period, or with <c>?date=</c> the one containing that day.</summary>
    public static string KindPath(FeedWindowKind kind) => $"/papers/{Segment(kind)}";

    public static string FeedPath(FeedWindow window, FeedFormat format) => $"/feeds/{Segment(window.Kind)}/{window.Key}.{format.Extension()}";

    private static string Segment(FeedWindowKind kind) => kind switch
    {
        FeedWindowKind.Day => "date",
        FeedWindowKind.Week => "week",
        _ => "month",
    };
}
