using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages.Account;

/// <summary><c>POST /account/signout</c> (a GET only shows a button: signing out is a change, so it needs the form's token).</summary>
public sealed class SignOutModel(SignInManager<PaperwireUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
