using System.Diagnostics;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace Paperwire.Digests;

/// <summary>
/// One SMTP connection reused for many messages (connecting and greeting costs more than a small message),
/// reconnected after a failure, paced to <see cref="SmtpOptions.MessagesPerSecond"/>.
/// </summary>
public sealed class SmtpSession(SmtpOptions options) : IAsyncDisposable
{
    private readonly SmtpClient client = new()
    {
        Timeout = (int)options.Timeout.TotalMilliseconds,
        ServerCertificateValidationCallback = SmtpCertificates.Validator(options.TrustedCertificate),
    };
    private readonly Stopwatch pace = Stopwatch.StartNew();
    private SmtpWireStream? wire;
    private long sent;

    /// <summary>
    /// Sends <paramref name="message"/>. When <paramref name="afterTerminator"/> is given (the message must have a
    /// <see cref="DigestBody"/>), it runs once the whole message and its terminator are in the socket and before the
    /// server's answer is read; an exception from it surfaces from here.
    /// </summary>
    public async Task SendAsync(MimeMessage message, Func<CancellationToken, Task>? afterTerminator, CancellationToken cancellationToken)
    {
        await ThrottleAsync(cancellationToken);
        if (!client.IsConnected)
        {
            await ConnectAsync(cancellationToken);
        }

        if (afterTerminator is not null)
        {
            var body = message.Body as DigestBody ?? throw new ArgumentException("Only a message with a DigestBody can say when its terminator was sent.", nameof(message));
            var connection = wire!;
            body.Written = () => connection.RecordAfterTerminator(afterTerminator);
        }

        sent++;
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        finally
        {
            // A message that failed before its answer must not leave its record armed for the next one.
            wire?.Disarm();
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Our own socket, to switch Nagle off: the terminator is a tiny write after the body, and with Nagle it
        // waits for the server's delayed ACK (40 ms), which capped delivery at ~20 messages a second.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host!, options.Port, cancellationToken);
            wire = new SmtpWireStream(socket);
            await client.ConnectAsync(wire, options.Host!, options.Port, options.Security, cancellationToken);

            // Every message goes by DATA, the path the exactly-once tests cover (BDAT would also end in one answer to read).
            client.Capabilities &= ~(SmtpCapabilities.Chunking | SmtpCapabilities.BinaryMime);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
        }
        catch (Exception error)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: false, CancellationToken.None);
            }

            socket.Dispose();
            if (error is OperationCanceledException || !DeliveryFailure.IsDeliveryError(error))
            {
                throw;
            }

            throw new SmtpUnavailableException($"The SMTP server {options.Host}:{options.Port} ({options.Security}) could not be used: {DeliveryFailure.Describe(error)}", error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception error) when (error is IOException or SmtpProtocolException or System.Net.Sockets.SocketException)
            {
                // The server hung up first; nothing is lost by not saying goodbye.
            }
        }

        client.Dispose();
    }

    private async Task ThrottleAsync(CancellationToken cancellationToken)
    {
        if (options.MessagesPerSecond <= 0)
        {
            return;
        }

        // A loop, not one delay: timers round to whole milliseconds and may wake a little early, and a relay's
        // limit is a promise we keep exactly (the next message never leaves before its time).
        var due = TimeSpan.FromSeconds(sent / options.MessagesPerSecond);
        while (pace.Elapsed < due)
        {
            await Task.Delay((due - pace.Elapsed) + TimeSpan.FromMilliseconds(1), cancellationToken);
        }
    }
}
