using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using MimeKit;
using Paperwire.Digests;
using Paperwire.Storage.Accounts;

namespace Paperwire.Accounts;

/// <summary>
/// Account mail: confirmation, password reset, "already registered", "no account". Every link is built here from
/// <c>Paperwire:PublicBaseUrl</c> and never from the request: a request's <c>Host</c> header is whatever the
/// client sent, and a reset link pointing at a stranger's host would hand them the reset code. Callers pass
/// codes, not links, so no page can slip a request-derived address into a mail.
/// </summary>
public sealed class AccountEmails(OutgoingMail outgoing, IOptions<MailOptions> options, IOptions<DigestOptions> digests, TimeProvider time)
{
    /// <summary>The address every mail link starts with.</summary>
    public Uri PublicBaseUrl => digests.Value.PublicBaseUrl;

    public Task SendConfirmationAsync(PaperwireUser user, string email, string confirmationToken) =>
        SendAsync(email, "Confirm your Paperwire account", $"""
            Hello {user.UserName},

            confirm your address to finish signing up:
            {Link("account/confirm", ("userId", user.Id), ("code", Encode(confirmationToken)))}

            If you did not sign up, ignore this message; nothing happens without the link.
            """);

    public Task SendPasswordResetAsync(PaperwireUser user, string email, string resetToken) =>
        SendAsync(email, "Reset your Paperwire password", $"""
            Hello {user.UserName},

            choose a new password here (the link works once, for a limited time):
            {Link("account/reset-password", ("code", Encode(resetToken)), ("email", email))}

            If you did not ask for this, ignore this message; your password is unchanged.
            """);

    /// <summary>Sent instead of a confirmation when someone signs up with an address that already has an account.</summary>
    public Task SendAlreadyRegisteredAsync(string email) =>
        SendAsync(email, "You already have a Paperwire account", $"""
            Someone (probably you) tried to sign up with this address, which already has an account.
            Sign in here, or reset your password from the sign-in page:
            {Link("account/signin")}
            """);

    /// <summary>
    /// Sent when a password reset is asked for an address with no account, so that the form does the same work
    /// (and takes the same time) whether or not the address is registered.
    /// </summary>
    public Task SendNoAccountAsync(string email) =>
        SendAsync(email, "Paperwire password reset", $"""
            Someone (probably you) asked to reset the Paperwire password for this address, but no account uses
            it. To make one, sign up here:
            {Link("account/signup")}

            If you did not ask for this, ignore this message.
            """);

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(string relativePath, params (string Name, string Value)[] query)
    {
        var link = new Uri(PublicBaseUrl, relativePath).AbsoluteUri;
        return query.Length == 0 ? link : link + "?" + string.Join("&", query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}"));
    }

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
