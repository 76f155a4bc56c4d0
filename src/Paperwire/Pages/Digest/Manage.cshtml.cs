using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Hosting;

namespace Paperwire.Pages.Digest;

/// <summary><c>/digest/manage?token=</c>: a subscriber's preferences, reached from any digest without signing in.</summary>
[EnableRateLimiting(RateLimits.DigestSubscriptions)]
public sealed class ManageModel(DigestSubscriptions subscriptions) : PageModel
{
    public const string InvalidLink = "This link is damaged or belongs to an earlier subscription of the address. Use the link in your latest digest.";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public DigestPreferences Form { get; set; } = new();

    public DigestSubscription? Subscription { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Subscription = await subscriptions.FindAsync(Token, cancellationToken);
        if (Subscription is null)
        {
            return this.BadRequestPage(InvalidLink);
        }

        Form = DigestPreferences.Of(Subscription);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Subscription = await subscriptions.FindAsync(Token, cancellationToken);
        if (Subscription is null)
        {
            return this.BadRequestPage(InvalidLink);
        }

        var problems = ModelState.IsValid ? Form.ApplyTo(Subscription) : [("", "Some values could not be read; check the numbers and choices.")];
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError(field.Length == 0 ? "" : "Form." + field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await subscriptions.SaveAsync(Subscription, cancellationToken);
        Saved = true;
        return Page();
    }
}
