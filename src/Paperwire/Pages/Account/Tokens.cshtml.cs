using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Accounts;
using Paperwire.Community;
using Paperwire.Core.Community;
using Paperwire.Hosting;

namespace Paperwire.Pages.Account;

/// <summary>
/// <c>/account/tokens</c>: the signed-in user's personal API tokens. A new token's secret is shown once, in the
/// answer to the form that created it (never stored, never redirected through a URL); tokens can be revoked.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Collections)]
public sealed class TokensModel(ApiTokenService tokens) : PageModel
{
    [BindProperty]
    public CreateForm Form { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The secret of the token just created; only ever set on that one response.</summary>
    public string? NewSecret { get; private set; }

    public string? NewName { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await tokens.CreateAsync(HttpContext.UserId(), Form.Name, cancellationToken) is { } created)
            {
                NewSecret = created.Secret;
                NewName = created.Token.Name;
                Form = new();
                ModelState.Clear();
            }
            else
            {
                ModelState.AddModelError("", $"You already have {ApiTokenService.MaxTokensPerUser} live tokens; revoke one first.");
            }
        }

        await LoadAsync(cancellationToken);
        // The page holds a secret: no cache, no copy anywhere but this screen.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken cancellationToken)
    {
        if (!await tokens.RevokeAsync(HttpContext.UserId(), id, cancellationToken))
        {
            return this.NotFoundPage("You have no live token with that number.");
        }

        return RedirectToPage(new { revoked = true });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Tokens = await tokens.ListAsync(HttpContext.UserId(), cancellationToken);
        Message = Request.Query.ContainsKey("revoked") ? "The token is revoked: it no longer signs anything in." : null;
    }

    public sealed class CreateForm
    {
        [Required, StringLength(100), Display(Name = "Token name")]
        public string Name { get; set; } = "";
    }
}
