using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace Paperwire.Tests.Digests;

/// <summary>
/// An SMTP server of one test's own: aiosmtpd (Debian's python3-aiosmtpd, which the test command installs) on a
/// free loopback port, delivering into a fresh Maildir; with arguments for STARTTLS or implicit TLS when asked.
/// Stands for the operator's mail server where the shared sink cannot (its own folder, its own TLS setup).
/// </summary>
internal sealed class PrivateSmtpServer : IAsyncDisposable
{
    private readonly Process server;
    private readonly int port;

    private PrivateSmtpServer(Process server, int port, string folder)
    {
        this.server = server;
        this.port = port;
        Folder = folder;
    }

    public string Folder { get; }

    public int Port => port;

    public string Maildir => Path.Combine(Folder, "maildir");

    /// <summary>Starts the server; <paramref name="options"/> are aiosmtpd's own (e.g. <c>--tlscert</c>, <c>--smtpscert</c>).</summary>
    public static async Task<PrivateSmtpServer> StartAsync(params string[] options) => await StartAsync(Directory.CreateTempSubdirectory("paperwire-smtp-").FullName, options);

    /// <summary>Starts the server in <paramref name="folder"/> (which the server owns from now on: deleted on dispose).</summary>
    public static async Task<PrivateSmtpServer> StartAsync(string folder, params string[] options)
    {
        SmtpSink.Require(); // the test command starts the shared sink only where aiosmtpd is installed
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", .. options, "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(folder, "maildir")])
        {
            start.ArgumentList.Add(arg);
        }

        var server = Process.Start(start)!;
        var mailbox = new PrivateSmtpServer(server, port, folder);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return mailbox;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(15) && !server.HasExited)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>Sends one plain message, as a mail client answering a mailto: link would.</summary>
    public async Task DeliverAsync(string from, string to, string subject)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Sent from my mail client." };
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await client.SendAsync(message, TestContext.Current.CancellationToken);
        await client.DisconnectAsync(true, TestContext.Current.CancellationToken);
    }

    public async Task WaitForNewAsync(int count)
    {
        var waited = Stopwatch.StartNew();
        while (Counts().New < count && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(count, Counts().New);
    }

    public (int New, int Cur) Counts() => (Files("new"), Files("cur"));

    public ValueTask DisposeAsync()
    {
        server.Kill();
        server.Dispose();
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private int Files(string sub) => Directory.Exists(Path.Combine(Maildir, sub)) ? Directory.GetFiles(Path.Combine(Maildir, sub)).Length : 0;
}
