using Paperwire.Core.Readers;

namespace Paperwire.SignedIn;

/// <summary>A signed-in reader's own marks, as the pages show them: what they upvoted, dismissed and follow.</summary>
public sealed class ReaderState(IReadOnlySet<string> upvoted, IReadOnlySet<string> notInterested, IReadOnlySet<(ReaderSignalKind Kind, string Target)> follows)
{
    public static ReaderState Empty { get; } = new(new HashSet<string>(), new HashSet<string>(), new HashSet<(ReaderSignalKind, string)>());

    public bool Upvoted(string paperId) => upvoted.Contains(paperId);

    public bool NotInterested(string paperId) => notInterested.Contains(paperId);

    public bool Follows(ReaderSignalKind kind, string target) => follows.Contains((kind, target));
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
}
