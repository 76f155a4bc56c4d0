namespace Paperwire.Recommend.Signals;

/// <summary>Why a paper counts as one the reader wants more of.</summary>
public enum SignalKind
{
    Upvote,
    Collected,
    Authored,
    Picked,
}

/// <summary>A paper the reader upvoted, collected, wrote or picked as one they like.</summary>
public sealed record PositiveSignal(CatalogPaper Paper, SignalKind Kind);

/// <summary>
/// Everything a reader's model is derived from. <see cref="Version"/> is the reader's model version that every
/// signal write bumps: a model trained on another version is stale. Lists are oldest first, so the end of
/// <see cref="NotInterested"/> is what the reader dismissed last.
/// </summary>
public sealed record ReaderSignals(
    long Version,
    IReadOnlyList<PositiveSignal> Positives,
    IReadOnlyList<CatalogPaper> NotInterested,
    ReaderFollows Follows)
{
    public static ReaderSignals None { get; } = new(0, [], [], ReaderFollows.None);

    /// <summary>Nothing to rank by: no positive and no follow (not-interested marks alone only say what to avoid).</summary>
    public bool IsEmpty => Positives.Count == 0 && Follows.IsEmpty;
}

/// <summary>Categories (<c>cs.CL</c>), organizations and authors (by name as written on papers) the reader follows.</summary>
public sealed record ReaderFollows(
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Authors)
{
    public static ReaderFollows None { get; } = new([], [], []);

    public bool IsEmpty => Categories.Count == 0 && Organizations.Count == 0 && Authors.Count == 0;

    public static ReaderFollows OfCategories(params string[] categories) => new(categories, [], []);
}
