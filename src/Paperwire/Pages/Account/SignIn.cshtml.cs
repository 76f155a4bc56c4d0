using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Accounts;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary>
/// <c>/account/signin</c> by email or user name. Every failure (unknown account, wrong password, unconfirmed
/// address, locked out) reads the same and costs the same one password hash, so neither the words nor the time
/// tell anybody which accounts exist.
/// </summary>
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class SignInModel(SignInManager<PaperwireUser> signIn, UserManager<PaperwireUser> users, PasswordDecoy decoy) : PageModel
{
    public const string Failure = "Wrong email or password, the address is not confirmed yet, or there were too many attempts. Try again in a few minutes, or reset your password.";

    [BindProperty]
    public SignInForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = Form.Login.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(Form.Login)
            : await users.FindByNameAsync(Form.Login);
        // Identity returns before hashing for an unconfirmed or locked-out account; the decoy hash stands in.
        var willCheckPassword = user is not null && await signIn.CanSignInAsync(user) && !await users.IsLockedOutAsync(user);
        if (!willCheckPassword)
        {
            decoy.Verify(Form.Password);
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Form.Password, Form.RememberMe, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", Failure);
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    public sealed class SignInForm
    {
        [Required, Display(Name = "Email or user name"), StringLength(256)]
        public string Login { get; set; } = "";

        [Required, DataType(DataType.Password), StringLength(200)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
