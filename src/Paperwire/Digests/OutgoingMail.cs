using Microsoft.Extensions.Options;
using MimeKit;
using Paperwire.Accounts;

namespace Paperwire.Digests;

/// <summary>
/// Single messages (account mail, digest confirmations): over SMTP when <c>Digests:Smtp:Host</c> is set, else
/// into the pickup folder. Digests themselves go through <see cref="DigestSender"/>, which keeps one connection.
/// </summary>
public sealed class OutgoingMail(IOptions<DigestOptions> digests, MailPickup pickup)
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = digests.Value.Smtp;
        if (!smtp.Enabled)
        {
            await pickup.WriteAsync(message, cancellationToken);
            return;
        }

        await using var session = new SmtpSession(smtp);
        await session.SendAsync(message, afterTerminator: null, cancellationToken);
    }
}
