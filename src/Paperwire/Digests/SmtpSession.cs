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
    private readonly SmtpClient client = new() { Timeout = (int)options.Timeout.TotalMilliseconds };
    private readonly Stopwatch pace = Stopwatch.StartNew();
    private long sent;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await ThrottleAsync(cancellationToken);
        if (!client.IsConnected)
        {
            // Our own socket, to switch Nagle off: the terminator is a tiny write after the body, and with Nagle it
            // waits for the server's delayed ACK (40 ms), which capped delivery at ~20 messages a second.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(options.Host!, options.Port, cancellationToken);
                await client.ConnectAsync(socket, options.Host!, options.Port, options.Security, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            // BDAT has no terminator: the server accepts at the last byte, before we could record the delivery.
            client.Capabilities &= ~(SmtpCapabilities.Chunking | SmtpCapabilities.BinaryMime);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
        }

        sent++;
        await client.SendAsync(message, cancellationToken);
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

        var due = TimeSpan.FromSeconds(sent / options.MessagesPerSecond);
        if (due > pace.Elapsed)
        {
            await Task.Delay(due - pace.Elapsed, cancellationToken);
        }
    }
}
