namespace Paperwire.Core.Feed;

/// <summary>What a caller asks of the daily feed: a window, optional submitter, order and page.</summary>
public sealed record FeedQuery(FeedWindow? Window, string? Submitter = null, FeedSort Sort = FeedSort.Upvotes, int Page = 0, int Limit = FeedQuery.DefaultLimit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>Restricts the feed to one organization's papers.</summary>
    public string? Organization { get; init; }
}
