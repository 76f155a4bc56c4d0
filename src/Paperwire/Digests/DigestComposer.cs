using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using Paperwire.Accounts;
using Paperwire.Core.Digests;
using Paperwire.Core.Papers;

namespace Paperwire.Digests;

/// <summary>
/// Builds one digest: plain text and HTML alternatives, absolute links on <c>Paperwire:PublicBaseUrl</c>, the
/// list headers mail clients use for their unsubscribe button (RFC 2369, RFC 8058) and a Message-ID that is the
/// same every time the digest of one subscriber and period is composed.
/// </summary>
public sealed class DigestComposer(IOptions<DigestOptions> options, IOptions<MailOptions> mail, DigestTokens tokens, TimeProvider clock)
{
    private DigestOptions Options => options.Value;

    public MailboxAddress From => MailboxAddress.Parse(Options.From ?? mail.Value.From);

    public MimeMessage Compose(DigestSubscription subscription, DigestPeriod period, DigestSelection selection)
    {
        var links = new DigestLinks(Options.PublicBaseUrl, tokens.ForManaging(subscription));
        var message = new MimeMessage { Subject = period.Subject, Date = clock.GetUtcNow(), MessageId = MessageId(subscription.Id, period) };
        message.From.Add(From);
        message.To.Add(new MailboxAddress("", subscription.Email));
        message.Headers.Add("List-Id", Options.ListId);
        message.Headers.Add("List-Unsubscribe", $"<{links.Unsubscribe}>, <mailto:{Options.UnsubscribeMailbox}?subject=unsubscribe%20{links.Token}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new DigestBody
        {
            new TextPart(TextFormat.Plain) { Text = DigestText.Plain(period, selection, links), ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart(TextFormat.Html) { Text = DigestText.Html(period, selection, links), ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
        message.Body = body;
        return message;
    }

    /// <summary>The confirmation mail: the only message a pending subscription ever gets.</summary>
    public MimeMessage ComposeConfirmation(DigestSubscription subscription)
    {
        var confirm = new Uri(Options.PublicBaseUrl, "digest/confirm?token=" + Uri.EscapeDataString(tokens.ForConfirmation(subscription, Options.ConfirmationLifetime)));
        var message = new MimeMessage { Subject = "Confirm your Paperwire digest", Date = clock.GetUtcNow() };
        message.From.Add(From);
        message.To.Add(new MailboxAddress("", subscription.Email));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var days = (int)Math.Round(Options.ConfirmationLifetime.TotalDays);
        message.Body = new TextPart(TextFormat.Plain)
        {
            Text = $"""
                Someone (probably you) asked for Paperwire's trending papers at this address.
                Confirm here to start receiving them (the link works for {days.ToString(CultureInfo.InvariantCulture)} days):
                {confirm}

                If it was not you, ignore this message: nothing more will be sent.
                """,
        };
        return message;
    }

    /// <summary>One id per (subscription, period): a digest sent again after a crash can be recognized as the same message.</summary>
    public string MessageId(long subscriptionId, DigestPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"digest.{period.Key}.{subscriptionId}@{Options.PublicBaseUrl.Host}");
}

/// <summary>The absolute links a digest carries.</summary>
public sealed record DigestLinks(Uri BaseUrl, string Token)
{
    public Uri Manage => new(BaseUrl, "digest/manage?token=" + Uri.EscapeDataString(Token));

    public Uri Unsubscribe => new(BaseUrl, "digest/unsubscribe?token=" + Uri.EscapeDataString(Token));

    public Uri Paper(Paper paper) => new(BaseUrl, "papers/" + paper.Id);

    public Uri Home => BaseUrl;
}
