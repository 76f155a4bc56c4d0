using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Accounts;
using Paperwire.Digests;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary>
/// <c>/account/signup</c>. An address that already has an account gets the same answer as a new one ("check
/// your email"), in the same time (one password hash, one mail), and a mail saying so, so the form never tells a
/// stranger who is registered.
/// </summary>
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class SignUpModel(UserManager<PaperwireUser> users, AccountEmails mail, PasswordDecoy decoy, TimeProvider time) : PageModel
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

        var email = Form.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            decoy.Hash(Form.Password);
            await mail.SendAlreadyRegisteredAsync(email);
            return RedirectToPage("/Account/CheckEmail");
        }

        var user = new PaperwireUser { UserName = Form.UserName, Email = email, JoinedAt = time.GetUtcNow() };
        var created = await users.CreateAsync(user, Form.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Form.Password" : "Form.UserName", Describe(error));
            }

            return Page();
        }

        try
        {
            await mail.SendConfirmationAsync(user, email, await users.GenerateEmailConfirmationTokenAsync(user));
        }
        catch (SmtpUnavailableException)
        {
            // Without the mail the account could never be confirmed: take it back, so signing up again works.
            await users.DeleteAsync(user);
            return this.UnavailablePage("Paperwire cannot send mail right now, so your account was not created. Try again in a few minutes.");
        }

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

        [Required, MailAddress, DataType(DataType.EmailAddress), StringLength(EmailAddress.MaxLength)]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password), StringLength(200, MinimumLength = AccountServices.MinimumPasswordLength, ErrorMessage = "A password needs at least {2} characters.")]
        public string Password { get; set; } = "";
    }
}
