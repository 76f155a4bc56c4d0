using Microsoft.AspNetCore.Identity;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>Whether the person asking to delete an account proved it is theirs.</summary>
public enum DeletionCheck
{
    Confirmed,
    Wrong,
    LockedOut,
}

/// <summary>
/// The confirmation an account deletion needs beyond a session or a token (either could be stolen, and deletion cannot
/// be undone): the account's password, with the sign-in form's lockout after five wrong ones; an account without a
/// password types its email address (or user name, when it has no address) instead.
/// </summary>
public sealed class DeletionConfirmation(UserManager<PaperwireUser> users, SignInManager<PaperwireUser> signIn)
{
    public Task<bool> NeedsPasswordAsync(PaperwireUser user) => users.HasPasswordAsync(user);

    public async Task<DeletionCheck> CheckAsync(PaperwireUser user, string? password, string? typed)
    {
        if (await users.HasPasswordAsync(user))
        {
            var result = await signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: true);
            return result.Succeeded ? DeletionCheck.Confirmed : result.IsLockedOut ? DeletionCheck.LockedOut : DeletionCheck.Wrong;
        }

        return string.Equals(typed?.Trim(), user.Email ?? user.UserName, StringComparison.OrdinalIgnoreCase) ? DeletionCheck.Confirmed : DeletionCheck.Wrong;
    }

    /// <summary>What the reader is told when the check fails.</summary>
    public static string Explain(DeletionCheck check, bool needsPassword) => check switch
    {
        DeletionCheck.LockedOut => "Too many wrong passwords: try again in a few minutes. Nothing was deleted.",
        _ when needsPassword => "That is not your password. Nothing was deleted.",
        _ => "That is not your account's email address. Nothing was deleted.",
    };

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
