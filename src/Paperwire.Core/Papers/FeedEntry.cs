namespace Paperwire.Core.Papers;

/// <summary>Puts one catalog paper into the daily feed on one date.</summary>
public sealed class FeedEntry
{
    public required string PaperId { get; set; }

    public Paper? Paper { get; set; }

    /// <summary>The feed day (UTC unless configured otherwise) the daily views group by.</summary>
    public DateOnly FeedDate { get; set; }

    /// <summary>When the paper entered the feed.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>User name of the submitter; null for imported or demo entries.</summary>
    public string? SubmittedBy { get; set; }
}
