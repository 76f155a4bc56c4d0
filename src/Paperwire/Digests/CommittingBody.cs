using MimeKit;
using MimeKit.IO;

namespace Paperwire.Digests;

/// <summary>
/// A digest's body (text and HTML alternatives) that runs <see cref="BeforeTerminator"/> once it has been written
/// whole to the SMTP data stream. The body is the last thing MailKit writes before the terminating
/// <c>CRLF.CRLF</c> (MimeMessage.WriteTo ends with it; SmtpClient then flushes and sends the terminator), and
/// MimeMessage's own WriteTo cannot be overridden, so the hook sits here. The sender records the digest as sent
/// in it: a crash before that point leaves the server without a terminator, so it discards the message and the
/// digest is sent again after a restart; a crash during or just after the commit loses the message (docs/digests.md).
/// </summary>
public sealed class CommittingBody : MultipartAlternative
{
    private bool committed;

    public Func<CancellationToken, Task>? BeforeTerminator { get; set; }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly = false, CancellationToken cancellationToken = default)
    {
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
        await CommitAsync(stream, cancellationToken);
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly = false, CancellationToken cancellationToken = default)
    {
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        CommitAsync(stream, cancellationToken).GetAwaiter().GetResult();
    }

    private async Task CommitAsync(Stream stream, CancellationToken cancellationToken)
    {
        // MailKit also writes the message into a MeasuringStream to announce its SIZE; that is not the transmission.
        if (stream is MeasuringStream || committed || BeforeTerminator is null)
        {
            return;
        }

        committed = true;
        await BeforeTerminator(cancellationToken);
    }
}
