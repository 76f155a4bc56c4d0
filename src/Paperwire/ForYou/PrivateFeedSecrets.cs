using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>
/// The secret in a reader's private feed address (<c>/feeds/for-you/{secret}.rss</c>): 32 random bytes, base64url.
/// Only its SHA-256 is stored (<c>reader_profiles.FeedSecretHash</c>), so the database alone cannot rebuild an address,
/// and a request is matched by looking its hash up: the time an answer takes says nothing about how much of a guess
/// was right. A new secret replaces the old one, whose address stops working at once; revoking leaves none.
/// </summary>
public sealed class PrivateFeedSecrets(PaperwireDbContext db)
{
    /// <summary>Characters of a secret: 32 bytes in base64url without padding.</summary>
    public const int SecretLength = 43;

    private const int SecretBytes = 32;

    private const string SetHash = """
        INSERT INTO reader_profiles ("UserId", "SignalsVersion", "ShowFollowsOnProfile", "FeedSecretHash") VALUES ({0}, 0, {1}, {2})
        ON CONFLICT ("UserId") DO UPDATE SET "FeedSecretHash" = excluded."FeedSecretHash"
        """;

    /// <summary>Makes a new secret for the reader (replacing any old one) and returns it; it is not kept anywhere.</summary>
    public async Task<string> CreateAsync(string userId, CancellationToken cancellationToken)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        await db.Database.ExecuteSqlRawAsync(SetHash, [userId, false, Hash(secret)], cancellationToken);
        return secret;
    }

    /// <summary>Ends the reader's private feed: its address answers 404 from now on.</summary>
    public async Task RevokeAsync(string userId, CancellationToken cancellationToken) =>
        await db.ReaderProfiles.Where(p => p.UserId == userId && p.FeedSecretHash != null)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.FeedSecretHash, (string?)null), cancellationToken);

    public Task<bool> HasFeedAsync(string userId, CancellationToken cancellationToken) =>
        db.ReaderProfiles.AnyAsync(p => p.UserId == userId && p.FeedSecretHash != null, cancellationToken);

    /// <summary>The reader whose secret this is; null for a malformed, unknown or revoked one.</summary>
    public async Task<string?> FindReaderAsync(string? secret, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(secret))
        {
            return null;
        }

        var hash = Hash(secret);
        return await db.ReaderProfiles.Where(p => p.FeedSecretHash == hash).Select(p => p.UserId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Lowercase hex SHA-256 of the secret's characters, as stored.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? secret) =>
        secret is { Length: SecretLength } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
