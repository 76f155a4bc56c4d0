using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Paperwire.Accounts;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary><c>/account/reset-password?code=&amp;email=</c>: the link from the reset mail.</summary>
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class ResetPasswordModel(UserManager<PaperwireUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty, Required, DataType(DataType.Password), Display(Name = "New password"), StringLength(200, MinimumLength = AccountServices.MinimumPasswordLength, ErrorMessage = "A password needs at least {2} characters.")]
    public string Password { get; set; } = "";

    public bool Done { get; private set; }

    public IActionResult OnGet() =>
        string.IsNullOrEmpty(Code) || string.IsNullOrEmpty(Email)
            ? this.BadRequestPage("This reset link is incomplete. Use the whole link from the email.")
            : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || string.IsNullOrEmpty(Code) || string.IsNullOrEmpty(Email))
        {
            return Page();
        }

        var user = Email.Contains('\0', StringComparison.Ordinal) || Email.Length > 256 ? null : await users.FindByEmailAsync(Email);
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            token = "";
        }

        var result = user is null ? IdentityResult.Failed() : await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal))
                ? string.Join(" ", result.Errors.Select(e => e.Description))
                : "This reset link is invalid or has expired. Ask for a new one.");
            return Page();
        }

        Done = true;
        return Page();
    }
}
