using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>
/// Server-side sign-in sessions (<c>user_sessions</c>): the cookie holds a random key, the database holds the
/// ticket. Sign-out deletes the row, so a cookie copied before sign-out no longer signs anyone in; "sign out
/// everywhere" and a password reset delete all of a user's rows. Every node reads the same table, so a session
/// works on all nodes behind a proxy.
/// A session found is kept in memory for one poll interval of the page caches (<c>Paperwire:Cache:PollInterval</c>,
/// 2 s), so a signed-in reader's pages cost no query for it. Any state-changing request on this node
/// (<see cref="Hosting.LocalWrites"/>: a sign-out, "sign out everywhere", a password reset) has it read again, so
/// those end a session at once on the node that handled them and within the interval on the others.
/// </summary>
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider time, IHttpContextAccessor http, IOptions<Hosting.FeedCacheOptions> cacheOptions, Hosting.LocalWrites writes) : ITicketStore, IDisposable
{
    private const int DeviceLength = 200;

    // Serialized tickets by session id: each request deserializes its own copy, so no two requests share a principal.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    /// <summary>Identity's default claim type for the stamp (<c>IdentityOptions.ClaimsIdentity.SecurityStampClaimType</c>).</summary>
    private const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        var userId = UserIdOf(ticket);
        db.UserSessions.Add(new UserSession
        {
            Id = Hash(key),
            UserId = userId,
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc,
            Device = DeviceOf(http.HttpContext),
        });
        await db.SaveChangesAsync();
        // Sessions nobody ended expire; they are cleared when their owner next signs in.
        await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var now = time.GetUtcNow();
        var expires = ticket.Properties.ExpiresUtc;
        recent.Remove(Hash(key));
        // Only a session that still exists is renewed: a sign-out on another tab wins over a sliding renewal here.
        await db.UserSessions.Where(s => s.Id == Hash(key))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAt, expires).SetProperty(s => s.LastSeenAt, now));
    }

    /// <summary>
    /// The session's ticket, if the session exists, has not expired, and was issued under the user's current
    /// security stamp: a password reset or "sign out everywhere" changes the stamp, which ends every session at
    /// its next request (checked here, in the same query, rather than every 30 minutes as Identity would).
    /// </summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var id = Hash(key);
        var seenWrites = writes.Count;
        if (recent.TryGetValue(id, out Recent? known) && known!.Writes == seenWrites && !(known.ExpiresAt < time.GetUtcNow()))
        {
            return TicketSerializer.Default.Deserialize(known.Ticket);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        var found = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Ticket, s.ExpiresAt, u.SecurityStamp })
            .FirstOrDefaultAsync();
        if (found is null || found.ExpiresAt < time.GetUtcNow())
        {
            return null;
        }

        var ticket = TicketSerializer.Default.Deserialize(found.Ticket);
        if (ticket?.Principal.FindFirstValue(SecurityStampClaim) != found.SecurityStamp)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
            return null;
        }

        recent.Set(id, new Recent(found.Ticket, found.ExpiresAt, seenWrites), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = cacheOptions.Value.PollInterval });
        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        recent.Remove(Hash(key));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        await db.UserSessions.Where(s => s.Id == Hash(key)).ExecuteDeleteAsync();
    }

    public void Dispose() => recent.Dispose();

    private sealed record Recent(byte[] Ticket, DateTimeOffset? ExpiresAt, long Writes);

    private static string UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A sign-in ticket without a user id.");

    private static string? DeviceOf(HttpContext? context) =>
        context?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, DeviceLength)] : null;

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}

/// <summary>What account settings do with a user's sessions.</summary>
public sealed class UserSessions(PaperwireDbContext db, Microsoft.AspNetCore.Identity.UserManager<PaperwireUser> users)
{
    public Task<List<UserSession>> ListAsync(string userId, CancellationToken cancellationToken) =>
        db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.LastSeenAt).ToListAsync(cancellationToken);

    /// <summary>
    /// Ends every session of <paramref name="user"/>, in every browser: a new security stamp (which also ends
    /// sessions a node has cached nowhere but in the ticket) and the rows deleted.
    /// </summary>
    public async Task EndAllAsync(PaperwireUser user, CancellationToken cancellationToken)
    {
        await users.UpdateSecurityStampAsync(user);
        await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
    }
}
