using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;
using Paperwire.Digests;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>The mail Identity asks for: confirmation and password-reset links (over SMTP when configured, else the pickup folder).</summary>
public sealed class AccountEmails(OutgoingMail outgoing, IOptions<MailOptions> options, TimeProvider time) : IEmailSender<PaperwireUser>
{
    public Task SendConfirmationLinkAsync(PaperwireUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your Paperwire account", $"""
            Hello {user.UserName},

            confirm your address to finish signing up:
            {confirmationLink}

            If you did not sign up, ignore this message; nothing happens without the link.
            """);

    public Task SendPasswordResetLinkAsync(PaperwireUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your Paperwire password", $"""
            Hello {user.UserName},

            choose a new password here (the link works once, for a limited time):
            {resetLink}

            If you did not ask for this, ignore this message; your password is unchanged.
            """);

    public Task SendPasswordResetCodeAsync(PaperwireUser user, string email, string resetCode) =>
        SendAsync(email, "Your Paperwire password reset code", $"Your reset code: {resetCode}");

    /// <summary>Sent instead of a confirmation when someone signs up with an address that already has an account.</summary>
    public Task SendAlreadyRegisteredAsync(string email, string signInLink) =>
        SendAsync(email, "You already have a Paperwire account", $"""
            Someone (probably you) tried to sign up with this address, which already has an account.
            Sign in here, or reset your password from the sign-in page:
            {signInLink}
            """);

    private Task SendAsync(string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = time.GetUtcNow();
        message.Body = new TextPart("plain") { Text = text };
        return outgoing.SendAsync(message, CancellationToken.None);
    }
}
