using MimeKit;
using MimeKit.IO;

namespace Paperwire.Digests;

/// <summary>
/// A digest's body (text and HTML alternatives) that says when it has been written whole to the SMTP data stream.
/// The body is the last part of the message MailKit writes; after it come only the terminator and the server's
/// answer, which is where the sender records the delivery (<see cref="SmtpWireStream"/>, docs/digests.md). MimeMessage's
/// own WriteTo is sealed, so the signal sits here.
/// </summary>
public sealed class DigestBody : MultipartAlternative
{
    /// <summary>Runs once, after the body was written to the real data stream.</summary>
    public Action? Written { get; set; }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly = false, CancellationToken cancellationToken = default)
    {
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken);
        Signal(stream);
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly = false, CancellationToken cancellationToken = default)
    {
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        Signal(stream);
    }

    private void Signal(Stream stream)
    {
        // MailKit also writes the message into a MeasuringStream to announce its SIZE; that is not the transmission.
        if (stream is MeasuringStream)
        {
            return;
        }

        var written = Written;
        Written = null;
        written?.Invoke();
    }
}
