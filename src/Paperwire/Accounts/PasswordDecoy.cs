using Microsoft.AspNetCore.Identity;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>
/// Password hashing is deliberately slow (tens of milliseconds), so a form that hashes on one path and not on
/// another tells a stopwatch which accounts exist. The account forms call this on the paths that would otherwise
/// skip the hash (unknown user, unconfirmed or locked account, address already registered), so every answer
/// costs one hash. The result is thrown away.
/// </summary>
public sealed class PasswordDecoy(IPasswordHasher<PaperwireUser> hasher)
{
    private static readonly PaperwireUser Nobody = new() { UserName = "nobody" };
    private readonly Lazy<string> decoyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    /// <summary>What checking a password against an account costs.</summary>
    public void Verify(string password) => hasher.VerifyHashedPassword(Nobody, decoyHash.Value, password);

    /// <summary>What storing a new password costs.</summary>
    public void Hash(string password) => hasher.HashPassword(Nobody, password);
}
