using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Accounts;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary>
/// <c>/account/delete</c>: deletes the signed-in reader's account once their password (or, without one, their email
/// address) confirms it, keeping or removing their comments as they choose (<see cref="AccountDeletion"/>). A refused
/// confirmation answers 400 with the form again and deletes nothing.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class DeleteModel(UserManager<PaperwireUser> users, DeletionConfirmation confirmation, AccountDeletion deletion) : PageModel
{
    public const string DonePath = "/account/deleted";

    [BindProperty]
    public DeleteForm Form { get; set; } = new();

    /// <summary>False for an account without a password: it types its email address instead.</summary>
    public bool NeedsPassword { get; private set; } = true;

    /// <summary>What the reader types when the account has no password: its address, or its user name without one.</summary>
    public string TypedName { get; private set; } = "email address";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await DescribeAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await DescribeAsync(user);
        if (!DeletionConfirmation.TryParseComments(Form.Comments, out var comments))
        {
            ModelState.AddModelError("Form.Comments", "Choose what happens to your comments.");
        }

        if (!ModelState.IsValid)
        {
            return Refused();
        }

        if (!await confirmation.CheckAsync(user, Form.Password, Form.Email))
        {
            ModelState.AddModelError("", DeletionConfirmation.Explain(NeedsPassword));
            return Refused();
        }

        if (await deletion.DeleteAsync(user.Id, comments, cancellationToken) is null)
        {
            return Challenge();
        }

        await AccountDataApi.AfterDeletionAsync(HttpContext, cancellationToken);
        return LocalRedirect(DonePath);
    }

    private async Task DescribeAsync(PaperwireUser user)
    {
        NeedsPassword = await confirmation.NeedsPasswordAsync(user);
        TypedName = user.Email is null ? "user name" : "email address";
    }

    private PageResult Refused()
    {
        Form.Password = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class DeleteForm
    {
        [DataType(DataType.Password), StringLength(200), Display(Name = "Your password")]
        public string? Password { get; set; }

        [StringLength(256), Display(Name = "Your email address")]
        public string? Email { get; set; }

        /// <summary>"keep" or "remove".</summary>
        public string? Comments { get; set; }
    }
}
