using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperwire.Digests;

namespace Paperwire.Pages.Digest;

/// <summary>
/// <c>/digest/unsubscribe?token=</c>, the address in every digest's footer and List-Unsubscribe header. GET shows
/// one button; POST unsubscribes at once, with or without an antiforgery token, because RFC 8058's one-click
/// POST comes from a mail client (body <c>List-Unsubscribe=One-Click</c>) that has none. The signed token in the
/// URL is the authorization, and all it can ever do is stop mail to its own subscription.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(DigestSubscriptions subscriptions, DigestTokens tokens) : PageModel
{
    public const string InvalidLink = "This unsubscribe link is damaged or belongs to an earlier subscription of the address. Use the link in your latest digest.";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LinkOutcome? Outcome { get; private set; }

    public IActionResult OnGet() => tokens.ReadManaging(Token) is null ? this.BadRequestPage(InvalidLink) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Outcome = await subscriptions.UnsubscribeAsync(Token, cancellationToken);
        return Outcome == LinkOutcome.Invalid ? this.BadRequestPage(InvalidLink) : Page();
    }
}
