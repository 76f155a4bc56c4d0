using Paperwire.Core.Feed;
using Paperwire.Feeds;

namespace Paperwire.Pages;

/// <summary>A syndication feed a page advertises with <c>&lt;link rel="alternate"&gt;</c>.</summary>
public sealed record FeedLink(FeedFormat Format, string Title, string Href);

public static class FeedLinks
{
    public const string ViewDataKey = "Feeds";

    public static readonly IReadOnlyList<FeedLink> Latest = ForPath("/feeds/latest", "Latest papers");

    public static IReadOnlyList<FeedLink> ForWindow(FeedWindow window) =>
        [.. Enum.GetValues<FeedFormat>().Select(f => new FeedLink(f, $"Papers of {window.Title} ({f})", WindowPaths.FeedPath(window, f)))];

    public static IReadOnlyList<FeedLink> ForOrganization(string name, string fullName) =>
        ForPath("/feeds/orgs/" + Uri.EscapeDataString(name), $"Papers from {fullName}");

    private static IReadOnlyList<FeedLink> ForPath(string path, string title) =>
        [.. Enum.GetValues<FeedFormat>().Select(f => new FeedLink(f, $"{title} ({f})", $"{path}.{f.Extension()}"))];
}
