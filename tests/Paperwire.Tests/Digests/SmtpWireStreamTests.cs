using System.Net;
using System.Net.Sockets;
using System.Text;
using Paperwire.Digests;

namespace Paperwire.Tests.Digests;

/// <summary>
/// The connection stream under MailKit holds back what follows a digest's body (the terminator) until the delivery
/// is recorded, and a sender that dies while holding still lets it go, so a crash can repeat a digest but not lose one.
/// </summary>
public class SmtpWireStreamTests
{
    [Fact]
    public async Task The_terminator_reaches_the_server_only_after_the_record_was_written()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "TCP_CORK is Linux's; elsewhere nothing is held");
        var (wire, server) = await ConnectAsync();
        await using var _ = wire;
        using var __ = server;
        var serverHadAtRecord = -1;

        // The record's synchronous part is where the database write happens; the hold is let go when it returns.
        wire.RecordAfterTerminator(_ =>
        {
            Thread.Sleep(20); // loopback delivers unheld bytes in microseconds; and far inside TCP_CORK's 200 ms ceiling, even on a busy machine
            serverHadAtRecord = server.Available;
            return Task.CompletedTask;
        });
        await wire.WriteAsync(Encoding.ASCII.GetBytes("last line of the body\r\n.\r\n"), Token);
        await wire.FlushAsync(Token);
        var answer = wire.ReadAsync(new byte[16], Token).AsTask();

        Assert.Equal("last line of the body\r\n.\r\n", await ReceiveAsync(server, 26));
        Assert.Equal(0, serverHadAtRecord);
        await server.SendAsync(Encoding.ASCII.GetBytes("250 ok\r\n"), Token);
        Assert.Equal(8, await answer);
    }

    [Fact]
    public async Task A_sender_that_dies_while_holding_the_terminator_still_delivers_it()
    {
        var (wire, server) = await ConnectAsync();
        using var _ = server;
        wire.RecordAfterTerminator(_ => Task.CompletedTask);
        await wire.WriteAsync(Encoding.ASCII.GetBytes("body\r\n.\r\n"), Token);
        await wire.FlushAsync(Token);

        // A killed process has its sockets closed by the kernel, as Dispose closes this one.
        await wire.DisposeAsync();

        Assert.Equal("body\r\n.\r\n", await ReceiveAsync(server, 9));
    }

    [Fact]
    public async Task A_message_that_fails_before_its_answer_lets_the_held_bytes_go_and_records_nothing()
    {
        var (wire, server) = await ConnectAsync();
        await using var _ = wire;
        using var __ = server;
        var recorded = false;
        wire.RecordAfterTerminator(_ =>
        {
            recorded = true;
            return Task.CompletedTask;
        });
        await wire.WriteAsync(Encoding.ASCII.GetBytes("RSET\r\n"), Token);

        wire.Disarm();
        await server.SendAsync(Encoding.ASCII.GetBytes("250 ok\r\n"), Token);
        Assert.Equal(8, await wire.ReadAsync(new byte[16], Token));

        Assert.Equal("RSET\r\n", await ReceiveAsync(server, 6));
        Assert.False(recorded);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(SmtpWireStream Wire, Socket Server)> ConnectAsync()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accepting = listener.AcceptAsync(Token).AsTask();
        await client.ConnectAsync(listener.LocalEndPoint!, Token);
        return (new SmtpWireStream(client), await accepting);
    }

    private static async Task<string> ReceiveAsync(Socket server, int count)
    {
        var buffer = new byte[count];
        var received = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (received < count)
        {
            var n = await server.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
            if (n == 0)
            {
                break;
            }

            received += n;
        }

        return Encoding.ASCII.GetString(buffer, 0, received);
    }
}
