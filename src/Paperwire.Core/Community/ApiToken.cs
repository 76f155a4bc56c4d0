namespace Paperwire.Core.Community;

/// <summary>
/// A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown once, at creation.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the secret, to recognise a token in a list.</summary>
    public required string Prefix { get; set; }

    /// <summary>Hex SHA-256 of the whole secret; unique.</summary>
    public required string Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
