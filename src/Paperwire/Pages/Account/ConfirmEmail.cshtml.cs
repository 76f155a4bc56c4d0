using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary><c>/account/confirm?userId=&amp;code=</c>: the link from the sign-up mail.</summary>
public sealed class ConfirmEmailModel(UserManager<PaperwireUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || userId.Length > 100 || code.Length > 2000)
        {
            return this.BadRequestPage("This confirmation link is incomplete. Use the whole link from the email.");
        }

        // PostgreSQL text cannot hold NUL; a link carrying one is simply invalid.
        var user = userId.Contains('\0', StringComparison.Ordinal) ? null : await users.FindByIdAsync(userId);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return this.BadRequestPage("This confirmation link is damaged. Use the whole link from the email.");
        }

        if (user is null || !(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            return this.BadRequestPage("This confirmation link is invalid or has expired. Sign up again to get a new one.");
        }

        return Page();
    }
}
