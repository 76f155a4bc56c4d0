using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Paperwire.Digests;

public sealed record MailboxSummary(int Unsubscribed, int AlreadyDone, int Unreadable)
{
    public static readonly MailboxSummary Empty = new(0, 0, 0);

    public override string ToString() => $"{Unsubscribed} unsubscribed, {AlreadyDone} already unsubscribed, {Unreadable} without a valid token";
}

/// <summary>
/// The <c>mailto:</c> half of <c>List-Unsubscribe</c>. Every digest offers
/// <c>mailto:{UnsubscribeMailbox}?subject=unsubscribe {token}</c>, with the same signed token as the https link; the
/// operator's mail server delivers that address into a Maildir (<see cref="DigestOptions.UnsubscribeMaildir"/>), and
/// this reads what arrived in its <c>new/</c> folder, unsubscribes, and moves each message to <c>cur/</c> (read), so
/// each is handled once. A message without a valid token changes nothing.
/// </summary>
public sealed partial class UnsubscribeMailbox(DigestSubscriptions subscriptions, IOptions<DigestOptions> options, ILogger<UnsubscribeMailbox> logger)
{
    // Larger than any reply a mail client makes to a mailto: link; not worth parsing.
    private const long MaxMessageBytes = 1 << 20;

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.UnsubscribeMaildir);

    /// <summary>Handles everything in <c>new/</c>; throws <see cref="DirectoryNotFoundException"/> when the configured Maildir does not exist.</summary>
    public async Task<MailboxSummary> ReadAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return MailboxSummary.Empty;
        }

        var maildir = options.Value.UnsubscribeMaildir!;
        if (!Directory.Exists(maildir))
        {
            // A typo here would otherwise leave every mailed unsubscribe unread without a word.
            throw new DirectoryNotFoundException($"Digests:UnsubscribeMaildir '{maildir}' does not exist; unsubscribe requests by mail are not being read.");
        }

        var arrived = Path.Combine(maildir, "new");
        if (!Directory.Exists(arrived))
        {
            return MailboxSummary.Empty;
        }

        Directory.CreateDirectory(Path.Combine(maildir, "cur"));
        int unsubscribed = 0, already = 0, unreadable = 0;
        foreach (var file in Directory.EnumerateFiles(arrived).Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await subscriptions.UnsubscribeAsync(TokenIn(file), cancellationToken);
            switch (outcome)
            {
                case LinkOutcome.Done: unsubscribed++; break;
                case LinkOutcome.AlreadyDone: already++; break;
                default:
                    unreadable++;
                    logger.LogWarning("Unsubscribe mailbox: {File} has no valid unsubscribe token; left read, nothing changed", Path.GetFileName(file));
                    break;
            }

            // Maildir: a message that has been seen moves to cur/ with the "S" (seen) flag.
            File.Move(file, Path.Combine(maildir, "cur", Path.GetFileName(file).Split(':')[0] + ":2,S"), overwrite: true);
        }

        return new MailboxSummary(unsubscribed, already, unreadable);
    }

    /// <summary>The token in the subject ("unsubscribe TOKEN", maybe with "Re:" or a client's additions), else in the text body.</summary>
    private static string? TokenIn(string file)
    {
        if (new FileInfo(file).Length > MaxMessageBytes)
        {
            return null;
        }

        MimeMessage message;
        try
        {
            message = MimeMessage.Load(file);
        }
        catch (FormatException)
        {
            return null;
        }

        return Token(message.Subject) ?? Token(message.TextBody);
    }

    private static string? Token(string? text) =>
        text is null ? null : UnsubscribeToken().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    // Data Protection output is base64url; the word "unsubscribe" comes first in the subject Paperwire wrote.
    [GeneratedRegex(@"unsubscribe\s+([A-Za-z0-9_-]{20,1000})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnsubscribeToken();
}
