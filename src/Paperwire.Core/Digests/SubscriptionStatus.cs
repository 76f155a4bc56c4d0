namespace Paperwire.Core.Digests;

public enum SubscriptionStatus
{
    /// <summary>Asked for, not yet confirmed: only the confirmation mail may be sent.</summary>
    Pending = 0,

    Active = 1,

    Unsubscribed = 2,

    /// <summary>Too many permanent delivery failures in a row; a new confirmation reactivates it.</summary>
    Suspended = 3,
}

public enum DigestFrequency
{
    Daily = 0,
    Weekly = 1,
}
