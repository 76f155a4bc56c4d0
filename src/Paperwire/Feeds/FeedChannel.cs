using Paperwire.Core.Papers;

namespace Paperwire.Feeds;

/// <summary>What a syndication feed shows: a titled list of papers and the page it mirrors.</summary>
/// <param name="Updated">
/// When the channel last changed (Atom <c>updated</c>, RSS <c>lastBuildDate</c>): its newest item's date, or for a channel
/// whose items do not date it (an empty one, a collection) a moment that is true of it; see <see cref="Newest"/>.
/// </param>
/// <param name="Reasons">Why each paper is in a personal feed, by paper id; shown before its abstract.</param>
public sealed record FeedChannel(
    string Title, string Description, string PagePath, IReadOnlyList<Paper> Papers, DateTimeOffset Updated, IReadOnlyDictionary<string, string>? Reasons = null)
{
    /// <summary>Items are dated by when they entered the feed; catalog-only papers by their paper date.</summary>
    public static DateTimeOffset Dated(Paper paper) => paper.FeedEntry?.SubmittedAt ?? paper.PublishedAt;

    /// <summary>The newest item's date, or <paramref name="whenEmpty"/> for no items (never 1970-01-01).</summary>
    public static DateTimeOffset Newest(IReadOnlyList<Paper> papers, DateTimeOffset whenEmpty) => papers.Count == 0 ? whenEmpty : papers.Max(Dated);
}
