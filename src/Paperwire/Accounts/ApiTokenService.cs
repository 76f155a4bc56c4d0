using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Storage;

namespace Paperwire.Accounts;

/// <summary>Personal API tokens: <c>pw_</c> + 32 random bytes, shown once, stored as a SHA-256 hash, revocable.</summary>
public sealed class ApiTokenService(PaperwireDbContext db, TimeProvider time)
{
    public const string SecretPrefix = "pw_";
    public const int MaxTokensPerUser = 20;

    /// <summary>Creates a token; the returned secret is never stored and cannot be shown again.</summary>
    public async Task<(ApiToken Token, string Secret)?> CreateAsync(string userId, string name, CancellationToken cancellationToken)
    {
        if (await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null, cancellationToken) >= MaxTokensPerUser)
        {
            return null;
        }

        var secret = SecretPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            Prefix = secret[..10],
            Hash = Hash(secret),
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(string userId, CancellationToken cancellationToken) =>
        await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Revokes one of the user's own tokens; false when it is not theirs or does not exist.</summary>
    public async Task<bool> RevokeAsync(string userId, long id, CancellationToken cancellationToken) =>
        await db.ApiTokens.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, time.GetUtcNow()), cancellationToken) > 0;

    /// <summary>The user a live token belongs to, or null; a malformed or revoked token is simply unknown.</summary>
    public async Task<string?> FindUserIdAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return null;
        }

        // Last use to the hour is enough to spot a stale token, and keeps reads from becoming writes.
        var now = time.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromHours(1))
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }

        return token.UserId;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
