namespace Paperwire.Core.Community;

/// <summary>One user's upvote of one paper; the pair is unique, so a vote can only be counted once.</summary>
public sealed class Vote
{
    public required string UserId { get; set; }

    public required string PaperId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
