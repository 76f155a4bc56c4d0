namespace Paperwire.Core.Community;

public enum ClaimStatus
{
    Pending,
    Verified,
    Rejected,
}

/// <summary>A user's claim to be one author entry (by position in the byline) of a paper; an admin decides.</summary>
public sealed class AuthorshipClaim
{
    public long Id { get; set; }

    public required string PaperId { get; set; }

    /// <summary>Position in <see cref="Papers.Paper.Authors"/>.</summary>
    public int AuthorIndex { get; set; }

    public required string UserId { get; set; }

    public required string UserName { get; set; }

    public ClaimStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }
}
