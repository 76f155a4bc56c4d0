namespace Paperwire.Core.Readers;

/// <summary>
/// Per-reader state of the personal ranking, a row of its own rather than columns on the users table: Identity
/// rewrites every column of a user on each update, which would put back a stale <see cref="SignalsVersion"/>.
/// The row is created by the first signal write.
/// </summary>
public sealed class ReaderProfile
{
    public required string UserId { get; set; }

    /// <summary>Moved by every signal write (upvotes and collections included): a model trained on another version is stale.</summary>
    public long SignalsVersion { get; set; }

    /// <summary>Whether the reader's follows are listed on their public profile (off unless they choose).</summary>
    public bool ShowFollowsOnProfile { get; set; }

    /// <summary>SHA-256 of the private feed's secret; null while the reader has none.</summary>
    public string? FeedSecretHash { get; set; }
}
