using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Paperwire.Accounts;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary>
/// <c>/account/signup</c>. An address that already has an account gets the same answer as a new one ("check
/// your email") and a mail saying so, so the form never tells a stranger who is registered.
/// </summary>
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class SignUpModel(UserManager<PaperwireUser> users, AccountEmails mail, TimeProvider time) : PageModel
{
    [BindProperty]
    public SignUpForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!AccountServices.IsValidUserName(Form.UserName))
        {
            ModelState.AddModelError("Form.UserName", "A user name is 1–40 letters, digits, '-', '_' or '.', starting with a letter or digit.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Form.Email) is not null)
        {
            await mail.SendAlreadyRegisteredAsync(Form.Email, Url.PageLink("/Account/SignIn")!);
            return RedirectToPage("/Account/CheckEmail");
        }

        var user = new PaperwireUser { UserName = Form.UserName, Email = Form.Email, JoinedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, Form.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Form.Password" : "Form.UserName", Describe(error));
            }

            return Page();
        }

        var code = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = Url.PageLink("/Account/ConfirmEmail", values: new { userId = user.Id, code })!;
        await mail.SendConfirmationLinkAsync(user, Form.Email, link);
        return RedirectToPage("/Account/CheckEmail");
    }

    private static string Describe(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" => "That user name is taken.",
        _ => error.Description,
    };

    public sealed class SignUpForm
    {
        [Required, Display(Name = "User name"), StringLength(40)]
        public string UserName { get; set; } = "";

        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password), StringLength(200, MinimumLength = AccountServices.MinimumPasswordLength, ErrorMessage = "A password needs at least {2} characters.")]
        public string Password { get; set; } = "";
    }
}
