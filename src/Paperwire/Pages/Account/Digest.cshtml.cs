using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary>
/// <c>/account/digest</c>: the digest in account settings. The account's address is already confirmed, so
/// subscribing here needs no confirmation mail, and links the subscription to the account for personal picks.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.DigestSubscriptions)]
public sealed class DigestModel(DigestSubscriptions subscriptions, UserManager<PaperwireUser> users) : PageModel
{
    public DigestSubscription? Subscription { get; private set; }

    public string? ManageToken { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user?.Email is not { } email || !user.EmailConfirmed)
        {
            return this.BadRequestPage("Your account has no confirmed address to send the digest to.");
        }

        await subscriptions.SubscribeAccountAsync(user.Id, email, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Subscription = await subscriptions.ForAccountAsync(users.GetUserId(User)!, cancellationToken);
        ManageToken = Subscription is { Status: not SubscriptionStatus.Unsubscribed } ? subscriptions.ManageToken(Subscription) : null;
    }
}
