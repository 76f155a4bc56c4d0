namespace Paperwire.Core.Digests;

/// <summary>
/// The outbox: one row per subscription and period, written before anything is sent. The pair is unique, so
/// running a period twice (or on two nodes) cannot queue a second digest for anyone.
/// </summary>
public sealed class DigestDelivery
{
    public long Id { get; set; }

    public long SubscriptionId { get; set; }

    /// <summary>The period's key: <c>2026-11-27</c> for a daily digest, <c>2026-W48</c> for a weekly one.</summary>
    public required string Period { get; set; }

    public DeliveryStatus Status { get; set; } = DeliveryStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>When a pending row may be tried (again); backoff after transient failures.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Deterministic per (subscription, period), so a resent digest is recognizably the same message.</summary>
    public string? MessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

public enum DeliveryStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>Nothing in the period matched the subscriber's preferences; an empty digest is not worth a mail.</summary>
    Skipped = 3,
}
