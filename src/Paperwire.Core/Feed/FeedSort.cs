namespace Paperwire.Core.Feed;

/// <summary>How a feed window is ordered.</summary>
public enum FeedSort
{
    /// <summary>Most upvoted first; ties go to the earlier submission.</summary>
    Upvotes,

    /// <summary>Newest paper date (arXiv v1) first.</summary>
    PublishedAt,

    /// <summary>Upvotes decayed by age, see <see cref="TrendingScore"/>.</summary>
    Trending,
}
