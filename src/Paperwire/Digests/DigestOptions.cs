using MailKit.Security;

namespace Paperwire.Digests;

/// <summary>Section <c>Digests</c>: the email digest's sender, schedule, delivery rules.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>The From of digests and confirmations; defaults to <c>Mail:From</c>.</summary>
    public string? From { get; set; }

    /// <summary>The <c>List-Id</c> header: mail clients group and filter the digest by it.</summary>
    public string ListId { get; set; } = "Paperwire trending papers <digest.paperwire.localhost>";

    /// <summary>The address behind the <c>mailto:</c> in <c>List-Unsubscribe</c>; the mail server delivers it into <see cref="UnsubscribeMaildir"/>.</summary>
    public string UnsubscribeMailbox { get; set; } = "unsubscribe@paperwire.localhost";

    /// <summary>
    /// The Maildir that mail to <see cref="UnsubscribeMailbox"/> is delivered into (e.g. by Postfix); Paperwire reads
    /// its <c>new/</c> folder every <see cref="HousekeepingInterval"/> and unsubscribes (<see cref="Digests.UnsubscribeMailbox"/>).
    /// </summary>
    public string? UnsubscribeMaildir { get; set; }

    /// <summary>How often the unsubscribe mailbox is read and expired, never-confirmed requests are removed.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where links in mail point (<c>Paperwire:PublicBaseUrl</c>); mail has no request to take it from.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5080");

    public SmtpOptions Smtp { get; set; } = new();

    public DigestScheduleOptions Schedule { get; set; } = new();

    /// <summary>Permanent (5xx) failures in a row after which a subscription is suspended.</summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>Tries per digest before a transient failure (4xx, timeout) counts as permanent.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each further retry waits twice as long.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the <c>digests</c> lease lasts without renewal (it is renewed before every batch): how soon another
    /// node (or a restarted command) takes over when the sender dies.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Outbox rows claimed per database round trip.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a confirmation link works.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>At most one confirmation mail per address in this time, however often the form is sent.</summary>
    public TimeSpan ConfirmationInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Section <c>Digests:Smtp</c>. Without a host, mail goes to the pickup folder (<c>Mail:PickupDirectory</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c> (implicit TLS, usually port 465).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// A PEM file with the certificate of a server (or of the private CA that signed it) to trust besides the
    /// system's roots: for a relay inside the organization. The name must still match <see cref="Host"/>.
    /// </summary>
    public string? TrustedCertificate { get; set; }

    /// <summary>Throttle: at most this many messages a second; 0 is unlimited.</summary>
    public double MessagesPerSecond { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Section <c>Digests:Schedule</c>.</summary>
public sealed class DigestScheduleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>When the daily run starts, in UTC; it sends the digest of the previous feed day.</summary>
    public TimeOnly TimeUtc { get; set; } = new(7, 0);

    /// <summary>How often pending retries are looked for between daily runs.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
