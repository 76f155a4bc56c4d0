using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Digests;
using Paperwire.Hosting;

namespace Paperwire.Pages.Digest;

/// <summary>
/// <c>/digest/confirm?token=</c>: the link in the confirmation mail. Opening it shows a button; only the button
/// confirms, so link scanners that open every URL in a mail cannot subscribe anyone.
/// </summary>
[EnableRateLimiting(RateLimits.DigestSubscriptions)]
public sealed class ConfirmModel(DigestSubscriptions subscriptions) : PageModel
{
    public const string InvalidLink = "This confirmation link is invalid, has expired, or belongs to an earlier subscription. Ask for a new one from the form at the bottom of any page.";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LinkOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await subscriptions.IsCurrentConfirmationAsync(Token, cancellationToken) ? Page() : this.BadRequestPage(InvalidLink);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Outcome = await subscriptions.ConfirmAsync(Token, cancellationToken);
        return Outcome == LinkOutcome.Invalid ? this.BadRequestPage(InvalidLink) : Page();
    }
}
