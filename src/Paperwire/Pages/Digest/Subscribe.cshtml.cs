using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Accounts;
using Paperwire.Digests;
using Paperwire.Hosting;

namespace Paperwire.Pages.Digest;

/// <summary>
/// <c>/digest/subscribe</c>: the footer's address arrives here by GET (cached pages carry no antiforgery token),
/// and this page's own form makes the request. Every usable address gets the same answer, mailed or not.
/// </summary>
[EnableRateLimiting(RateLimits.DigestSubscriptions)]
public sealed class SubscribeModel(DigestSubscriptions subscriptions, ILogger<SubscribeModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public bool Requested { get; private set; }

    /// <summary>The mail server could not be used: nothing was sent, and the reader is asked to try again later.</summary>
    public bool MailUnavailable { get; private set; }

    public void OnGet()
    {
        if (Email is { Length: > EmailAddress.MaxLength })
        {
            Email = null;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        bool usable;
        try
        {
            usable = await subscriptions.RequestAsync(Email, cancellationToken);
        }
        catch (SmtpUnavailableException error)
        {
            logger.LogError("Digest confirmation not sent: {Error}", error.Message);
            MailUnavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        if (!usable)
        {
            ModelState.AddModelError(nameof(Email), "That is not an email address we can send to: one address like name@example.org, without spaces or line breaks.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Email = Email is { Length: <= EmailAddress.MaxLength } ? Email.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal) : null;
            return Page();
        }

        Requested = true;
        return Page();
    }
}
