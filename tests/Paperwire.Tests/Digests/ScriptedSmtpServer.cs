using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paperwire.Tests.Digests;

/// <summary>
/// A small SMTP server on loopback whose answers a test chooses: per recipient (e.g. 451 "try later" or 550 "no
/// such user") and to a message's terminating "." (e.g. 451 or 554 after the whole message), and hooks that run
/// when DATA begins and when the terminator arrives, before the server answers.
/// Used where the real sink cannot misbehave on purpose.
/// </summary>
internal sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public ScriptedSmtpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The reply to RCPT TO for an address: 250 unless the test says otherwise.</summary>
    public Func<string, int> RecipientReply { get; set; } = _ => 250;

    /// <summary>The reply to a message's terminator, per recipient: 250 unless the test says otherwise.</summary>
    public Func<string, int> TerminatorReply { get; set; } = _ => 250;

    /// <summary>When set, the server offers AUTH PLAIN and accepts mail only after a login with these credentials.</summary>
    public (string User, string Password)? Login { get; set; }

    /// <summary>Runs when the client says DATA, with the recipient, before the 354.</summary>
    public Func<string, Task>? OnData { get; set; }

    /// <summary>Runs when a message's terminator arrives, with its recipient, before the answer.</summary>
    public Func<string, Task>? OnTerminator { get; set; }

    /// <summary>Every RCPT TO the server saw, in order (accepted or not).</summary>
    public ConcurrentQueue<string> Attempts { get; } = new();

    /// <summary>How many connections clients opened.</summary>
    public int Connections => connections;

    private int connections;
    private int disposed;

    /// <summary>Recipients of the messages accepted, in order.</summary>
    public ConcurrentQueue<string> Delivered { get; } = new();

    public Dictionary<string, string?> Settings() => new()
    {
        ["Digests:Smtp:Host"] = "127.0.0.1",
        ["Digests:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Digests:Smtp:Security"] = "None",
    };

    /// <summary>Stops listening (a test may do it early, to play a server that went away); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            Interlocked.Increment(ref connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 scripted ESMTP");
        string? recipient = null;
        var loggedIn = false;
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync(Login is null ? "250 scripted" : "250-scripted\r\n250 AUTH PLAIN");
                        break;
                    case "AUTH":
                        // AUTH PLAIN with the initial response: base64("\0user\0password").
                        var plain = Encoding.UTF8.GetString(Convert.FromBase64String(line.Split(' ')[^1])).Split('\0');
                        loggedIn = Login is { } login && plain is [_, var user, var password] && user == login.User && password == login.Password;
                        await writer.WriteLineAsync(loggedIn ? "235 welcome" : "535 5.7.8 authentication failed");
                        break;
                    case "MAIL" when Login is not null && !loggedIn:
                        await writer.WriteLineAsync("530 5.7.0 authentication required");
                        break;
                    case "RCPT":
                        recipient = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                        Attempts.Enqueue(recipient);
                        var code = RecipientReply(recipient);
                        await writer.WriteLineAsync(code == 250 ? "250 ok" : $"{code} scripted refusal for {recipient}");
                        break;
                    case "DATA":
                        if (OnData is { } starting)
                        {
                            await starting(recipient!);
                        }

                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                        }

                        if (OnTerminator is { } hook)
                        {
                            await hook(recipient!);
                        }

                        var answer = TerminatorReply(recipient!);
                        if (answer == 250)
                        {
                            Delivered.Enqueue(recipient!);
                        }

                        await writer.WriteLineAsync(answer == 250 ? "250 queued" : $"{answer} scripted refusal of the message");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default: // MAIL, RSET, NOOP
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The client hung up.
        }
    }
}
