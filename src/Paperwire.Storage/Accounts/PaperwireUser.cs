using Microsoft.AspNetCore.Identity;

namespace Paperwire.Storage.Accounts;

/// <summary>
/// A person with an account. ASP.NET Core Identity keeps the password hash, email confirmation, lockout and
/// security stamp; the user name is the public handle (<c>/u/{name}</c>, <c>submittedBy</c>).
/// </summary>
public sealed class PaperwireUser : IdentityUser
{
    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>The version of the avatar the user uploaded (stored in the images table), or null for initials.</summary>
    public string? AvatarVersion { get; set; }
}
