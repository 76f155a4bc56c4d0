using Microsoft.AspNetCore.Identity;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>
/// The confirmation an account deletion needs beyond a session or a token (either could be stolen, and deletion cannot
/// be undone): the account's password; an account without a password types its email address (or user name, when it
/// has no address) instead. Wrong passwords here do not count towards the sign-in lockout, as on ASP.NET Core
/// Identity's own personal-data page: whoever holds a stolen session could otherwise lock its owner out. Guessing is
/// bounded by the account forms' rate limit instead.
/// </summary>
public sealed class DeletionConfirmation(UserManager<PaperwireUser> users)
{
    public Task<bool> NeedsPasswordAsync(PaperwireUser user) => users.HasPasswordAsync(user);

    public async Task<bool> CheckAsync(PaperwireUser user, string? password, string? typed) =>
        await users.HasPasswordAsync(user)
            ? await users.CheckPasswordAsync(user, password ?? "")
            : string.Equals(typed?.Trim(), user.Email ?? user.UserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>What the reader is told when the check fails.</summary>
    public static string Explain(bool needsPassword) =>
        needsPassword ? "That is not your password. Nothing was deleted." : "That is not your account's email address. Nothing was deleted.";

    /// <summary>The comment choice as a form or the API sends it: "keep" or "remove".</summary>
    public static bool TryParseComments(string? value, out CommentsOnDeletion comments)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "keep":
                comments = CommentsOnDeletion.Keep;
                return true;
            case "remove":
                comments = CommentsOnDeletion.Remove;
                return true;
            default:
                comments = default;
                return false;
        }
    }
}
