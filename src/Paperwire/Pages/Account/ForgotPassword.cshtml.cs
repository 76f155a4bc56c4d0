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
/// <c>/account/forgot-password</c>: mails a reset link to a confirmed account, a fresh confirmation link to an
/// unconfirmed one and a "no account here" note to any other address, so the answer (and its time: one mail
/// whatever the address) is the same whether or not the address is registered.
/// </summary>
[EnableRateLimiting(RateLimits.Accounts)]
public sealed class ForgotPasswordModel(UserManager<PaperwireUser> users, AccountEmails mail) : PageModel
{
    [BindProperty, Required, MailAddress, DataType(DataType.EmailAddress), StringLength(EmailAddress.MaxLength)]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email.Trim();
        var user = await users.FindByEmailAsync(email);
        try
        {
            if (user is null)
            {
                await mail.SendNoAccountAsync(email);
            }
            else if (!await users.IsEmailConfirmedAsync(user))
            {
                // The owner never confirmed: a fresh confirmation link is the way back in (then reset if need be).
                await mail.SendConfirmationAsync(user, email, await users.GenerateEmailConfirmationTokenAsync(user));
            }
            else
            {
                await mail.SendPasswordResetAsync(user, email, await users.GeneratePasswordResetTokenAsync(user));
            }
        }
        catch (SmtpUnavailableException)
        {
            return this.UnavailablePage("Paperwire cannot send mail right now. Try again in a few minutes.");
        }

        Sent = true;
        return Page();
    }
}
