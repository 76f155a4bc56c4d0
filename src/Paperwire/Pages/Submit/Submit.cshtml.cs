using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Paperwire.Community.Submissions;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage.Community;

namespace Paperwire.Pages.Submit;

/// <summary>
/// <c>/submit</c>: puts a paper into today's daily feed by arXiv id or address, with an optional first comment and
/// organization. The same rules and messages as <c>POST /api/papers/submit</c>; success opens the paper page.
/// A signed-out reader gets a page that says what submitting does and links to sign in (back here) and sign up;
/// posting still takes a signed-in reader (and, like every form, the antiforgery token).
/// </summary>
[EnableRateLimiting(RateLimits.Submissions)]
public sealed class SubmitModel(PaperSubmitter submitter, SubmissionStore store, IOptions<SubmissionOptions> options) : PageModel
{
    public SubmissionOptions Rules => options.Value;

    [BindProperty]
    public SubmitForm Form { get; set; } = new();

    /// <summary>What the organization list offers: the user's organizations, or every one for an admin.</summary>
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>Where "Sign in" leads: the sign-in page, then back to this form (with the paper, when one was given).</summary>
    public string SignInPath => "/account/signin?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString);

    public async Task OnGetAsync(string? paper, CancellationToken cancellationToken)
    {
        Form.Paper = paper;
        if (SignedIn)
        {
            await LoadOrganizationsAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // [Authorize] is for pages, not handlers: the page itself is open so that readers learn what it is for.
        if (!SignedIn)
        {
            return Challenge();
        }

        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
        var outcome = await submitter.SubmitAsync(userId, new SubmissionRequest(Form.Paper, Form.Comment, Form.Organization), cancellationToken);
        if (outcome.Entry is { } entry)
        {
            return Redirect(PaperLinks.PagePath(entry.PaperId));
        }

        var refusal = outcome.Refusal!;
        ModelState.AddModelError("", refusal.Detail);
        Response.StatusCode = refusal.Status;
        if (refusal.RetryAfter is { } wait)
        {
            Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await LoadOrganizationsAsync(cancellationToken);
        return Page();
    }

    private async Task LoadOrganizationsAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
        Organizations = await store.OrganizationsForAsync(userId, all: User.IsInRole(Roles.Admin), cancellationToken);
    }

    /// <summary>Plain strings: every check (and its message) is the submitter's, shared with the API.</summary>
    public sealed class SubmitForm
    {
        public string? Paper { get; set; }

        public string? Comment { get; set; }

        public string? Organization { get; set; }
    }
}
