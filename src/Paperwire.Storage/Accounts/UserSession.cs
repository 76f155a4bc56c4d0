namespace Paperwire.Storage.Accounts;

/// <summary>
/// One signed-in browser. The sign-in cookie carries only a random key; the ticket (who, which roles, until when)
/// lives here, so signing out deletes the row and a copy of the cookie taken before is worth nothing.
/// </summary>
public sealed class UserSession
{
    /// <summary>Hex SHA-256 of the cookie's key: a copy of this table cannot be replayed as cookies.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The serialized authentication ticket.</summary>
    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The browser's User-Agent at sign-in, shortened, to tell sessions apart in account settings.</summary>
    public string? Device { get; set; }
}
