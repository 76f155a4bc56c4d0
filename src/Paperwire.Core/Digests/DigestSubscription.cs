namespace Paperwire.Core.Digests;

/// <summary>
/// One address that asked for the email digest. Nothing but the confirmation mail is sent while it is
/// <see cref="SubscriptionStatus.Pending"/>; links in mail are signed with its id and <see cref="TokenStamp"/>.
/// </summary>
public sealed class DigestSubscription
{
    public const int DefaultPaperCount = 10;
    public const int MaxPaperCount = 50;

    public long Id { get; set; }

    /// <summary>The address as the subscriber typed it (validated: no CR/LF, one mailbox, at most 254 characters).</summary>
    public required string Email { get; set; }

    /// <summary>Lower-case <see cref="Email"/>: the unique key, so "Ann@X.org" and "ann@x.org" are one subscription.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>Set when an account holder subscribed from their settings; personal picks need it.</summary>
    public string? UserId { get; set; }

    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Pending;

    public DigestFrequency Frequency { get; set; } = DigestFrequency.Daily;

    /// <summary>The day a weekly digest goes out.</summary>
    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;

    /// <summary>arXiv announces nothing on weekends, so by default no daily digest is sent on Saturday or Sunday.</summary>
    public bool SkipWeekends { get; set; } = true;

    public int PaperCount { get; set; } = DefaultPaperCount;

    /// <summary>arXiv categories (<c>cs.CL</c>) or archives (<c>cs</c>); empty: all.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Organization names; empty: all.</summary>
    public List<string> Organizations { get; set; } = [];

    /// <summary>A saved search: only papers of the period that match it.</summary>
    public string? SearchQuery { get; set; }

    /// <summary>Account holders only: papers close to what they upvoted or collected.</summary>
    public bool PersonalPicks { get; set; }

    /// <summary>Random; rotated on unsubscribe and re-subscribe so every link signed with the old one stops working.</summary>
    public required string TokenStamp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmationSentAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>Permanent (5xx) failures in a row; reset by a delivery, suspends the subscription at the configured limit.</summary>
    public int ConsecutiveFailures { get; set; }
}
