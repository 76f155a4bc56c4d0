using MimeKit;

namespace Paperwire.Testing;

/// <summary>
/// The real SMTP server the test command starts (aiosmtpd on loopback, delivering into a Maildir). Many tests
/// share it, so each test sends to addresses of its own (<see cref="NewAddress"/>) and reads only those.
/// </summary>
public sealed class SmtpSink
{
    public const string ServerVariable = "PAPERWIRE_TEST_SMTP";
    public const string MaildirVariable = "PAPERWIRE_TEST_MAILDIR";

    private SmtpSink(string host, int port, string maildir)
    {
        Host = host;
        Port = port;
        Maildir = maildir;
    }

    public string Host { get; }

    public int Port { get; }

    public string Maildir { get; }

    /// <summary>The sink, or a loud skip (locally) / failure (CI) when the test command did not start one.</summary>
    public static SmtpSink Require()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        var maildir = Environment.GetEnvironmentVariable(MaildirVariable);
        RequiredComponent.Require(
            !string.IsNullOrEmpty(server) && !string.IsNullOrEmpty(maildir) && server.Contains(':', StringComparison.Ordinal),
            "An SMTP server",
            $"set {ServerVariable}=host:port and {MaildirVariable}=DIR, or run ./test.sh, which starts aiosmtpd (Debian package python3-aiosmtpd)");
        var colon = server!.LastIndexOf(':');
        return new SmtpSink(server[..colon], int.Parse(server[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), maildir!);
    }

    /// <summary>An address no other test uses.</summary>
    public static string NewAddress(string who = "reader") => $"{who}-{Guid.NewGuid():N}@digest-test.example.org";

    /// <summary>The configuration that sends the app's mail here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Digests:Smtp:Host"] = Host,
        ["Digests:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Digests:Smtp:Security"] = "None",
    };

    /// <summary>Every message delivered to <paramref name="address"/> (any of its recipients), oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Delivered()
            .Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))
            .OrderBy(m => m.WrittenAt)
            .ThenBy(m => m.File, StringComparer.Ordinal)
            .Select(m => MimeMessage.Load(m.File))];

    /// <summary>Recipient address → number of messages, for every message to an address at <paramref name="domain"/> (one pass over the folder).</summary>
    public Dictionary<string, int> CountByRecipient(string domain) =>
        MessageIdsByRecipient(domain).ToDictionary(r => r.Key, r => r.Value.Count, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Recipient address → the Message-ID of every copy delivered to it (a repeated copy repeats its Message-ID), for
    /// every message to an address at <paramref name="domain"/> (one pass over the folder).
    /// </summary>
    public Dictionary<string, List<string>> MessageIdsByRecipient(string domain)
    {
        var copies = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var message in Delivered())
        {
            foreach (var to in message.Recipients.Where(r => r.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase)))
            {
                if (!copies.TryGetValue(to, out var ids))
                {
                    copies[to] = ids = [];
                }

                ids.Add(message.MessageId);
            }
        }

        return copies;
    }

    /// <summary>
    /// Headers of every message in <c>new/</c>. The load tests leave tens of thousands of messages in the shared folder
    /// and tests poll it every 50 ms, so each file's headers are read once: aiosmtpd writes a message into <c>tmp/</c>
    /// and renames it into <c>new/</c> complete, and nothing changes it there.
    /// </summary>
    private List<DeliveredMessage> Delivered()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var messages = new List<DeliveredMessage>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            messages.Add(Seen.GetOrAdd(file, ReadHeaders));
        }

        return messages;
    }

    private static DeliveredMessage ReadHeaders(string file)
    {
        using var stream = File.OpenRead(file);
        var headers = HeaderList.Load(stream);
        var recipients = InternetAddressList.TryParse(headers[HeaderId.To] ?? "", out var to)
            ? [.. to.Mailboxes.Select(m => m.Address)]
            : Array.Empty<string>();
        return new DeliveredMessage(file, File.GetLastWriteTimeUtc(file), recipients, headers[HeaderId.MessageId] is { } id ? MimeKit.Utils.MimeUtils.ParseMessageId(id) ?? "" : "");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DeliveredMessage> Seen = new(StringComparer.Ordinal);

    private sealed record DeliveredMessage(string File, DateTime WrittenAt, string[] Recipients, string MessageId);

    /// <summary>A domain no other test sends to, for tests with many recipients.</summary>
    public static string NewDomain(string what) => $"{what}-{Guid.NewGuid():N}.example.org";

    /// <summary>Waits (up to 30 s; a busy CI machine) until <paramref name="address"/> has <paramref name="count"/> messages and returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var messages = To(address);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(50);
        }
    }
}
