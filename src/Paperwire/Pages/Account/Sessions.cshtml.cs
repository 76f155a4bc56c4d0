using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Accounts;
using Paperwire.Community;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary>
/// <c>/account/sessions</c>: the browsers signed in to this account, and "Sign out everywhere", which ends all of
/// them (this one too) at their next request, e.g. after using a shared computer or losing a laptop.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class SessionsModel(UserSessions sessions, UserManager<PaperwireUser> users, SignInManager<PaperwireUser> signIn) : PageModel
{
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Sessions = await sessions.ListAsync(HttpContext.UserId(), cancellationToken);

    public async Task<IActionResult> OnPostEndAllAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await sessions.EndAllAsync(user, cancellationToken);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/account/signin");
    }
}
