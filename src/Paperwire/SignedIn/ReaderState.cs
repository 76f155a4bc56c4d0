using Paperwire.Core.Readers;

namespace Paperwire.SignedIn;

/// <summary>
/// A signed-in reader's own marks, as the pages show them: what they upvoted, dismissed and follow, and what makes a
/// paper page's discussion, collections and authorship parts differ from everyone else's (their comments, their
/// claims, their collections, moderating).
/// </summary>
public sealed class ReaderState
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public static ReaderState Empty { get; } = new();

    public IReadOnlySet<string> UpvotedPapers { get; init; } = None;

    public IReadOnlySet<string> NotInterestedPapers { get; init; } = None;

    public IReadOnlySet<(ReaderSignalKind Kind, string Target)> Followed { get; init; } = new HashSet<(ReaderSignalKind, string)>();

    /// <summary>Papers the reader claimed an author entry of (any status).</summary>
    public IReadOnlySet<string> ClaimedPapers { get; init; } = None;

    /// <summary>Papers the reader commented on (their comments carry edit and delete buttons).</summary>
    public IReadOnlySet<string> CommentedPapers { get; init; } = None;

    public bool HasCollections { get; init; }

    /// <summary>A moderator or admin: sees hidden comments and a Hide button on every other.</summary>
    public bool Moderates { get; init; }

    public bool Upvoted(string paperId) => UpvotedPapers.Contains(paperId);

    public bool NotInterested(string paperId) => NotInterestedPapers.Contains(paperId);

    public bool Follows(ReaderSignalKind kind, string target) => Followed.Contains((kind, target));
}

/// <summary>
/// One yes/no question about the reader that a page's markup depends on. A page shared by every signed-in reader
/// keeps both answers' markup and picks one per reader (<see cref="ReaderParts"/>).
/// </summary>
public abstract record ReaderFact
{
    public abstract bool HoldsFor(ReaderState state);

    public static ReaderFact Upvoted(string paperId) => new UpvotedFact(paperId);

    public static ReaderFact NotInterested(string paperId) => new NotInterestedFact(paperId);

    public static ReaderFact Follows(ReaderSignalKind kind, string target) => new FollowsFact(kind, target);

    /// <summary>The reader claimed an author entry of the paper: its authorship part shows their claims.</summary>
    public static ReaderFact ClaimedAuthorOf(string paperId) => new ClaimedFact(paperId);

    /// <summary>The reader has collections: a paper's collections part offers them.</summary>
    public static ReaderFact HasCollections { get; } = new HasCollectionsFact();

    /// <summary>The reader commented on the paper or moderates: its discussion shows them buttons others lack.</summary>
    public static ReaderFact CommentedOnOrModerates(string paperId) => new CommentedOrModeratesFact(paperId);

    private sealed record UpvotedFact(string PaperId) : ReaderFact
    {
        public override bool HoldsFor(ReaderState state) => state.Upvoted(PaperId);
    }

    private sealed record NotInterestedFact(string PaperId) : ReaderFact
    {
        public override bool HoldsFor(ReaderState state) => state.NotInterested(PaperId);
    }

    private sealed record FollowsFact(ReaderSignalKind Kind, string Target) : ReaderFact
    {
        public override bool HoldsFor(ReaderState state) => state.Follows(Kind, Target);
    }

    private sealed record ClaimedFact(string PaperId) : ReaderFact
    {
        public override bool HoldsFor(ReaderState state) => state.ClaimedPapers.Contains(PaperId);
    }

    private sealed record HasCollectionsFact : ReaderFact
    {
        public override bool HoldsFor(ReaderState state) => state.HasCollections;
    }

    private sealed record CommentedOrModeratesFact(string PaperId) : ReaderFact
    {
        public override bool HoldsFor(ReaderState state) => state.Moderates || state.CommentedPapers.Contains(PaperId);
    }
}
