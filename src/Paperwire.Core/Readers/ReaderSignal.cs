namespace Paperwire.Core.Readers;

/// <summary>The explicit signals a reader gives; upvotes, collections and verified authorship are rows of their own.</summary>
public enum ReaderSignalKind
{
    NotInterested,
    FollowCategory,
    FollowOrganization,
    FollowAuthor,

    /// <summary>
    /// A paper picked while setting up For you (from a search, a pasted id, or "papers like mine"): a private
    /// positive, unlike an upvote, which would count in the community's ranking.
    /// </summary>
    PickedPaper,
}

/// <summary>
/// One explicit signal: a paper the reader does not want or picked (<see cref="Target"/> is its id) or a followed category
/// (<c>cs.CL</c>, or an archive like <c>cs</c>), organization (its name) or author (the name as written on papers).
/// (UserId, Kind, Target) is unique, so a repeated click stores nothing new.
/// </summary>
public sealed class ReaderSignal
{
    public const int MaxTargetLength = 200;

    public long Id { get; set; }

    public required string UserId { get; set; }

    public ReaderSignalKind Kind { get; set; }

    public required string Target { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
