using System.Net;
using MimeKit;
using Paperwire.Core.Digests;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>
/// The reader's whole path through a real SMTP server: subscribe, one confirmation and nothing else, confirm, a
/// digest with both parts and every header, links that work on the app, one-click unsubscribe, silence after it.
/// </summary>
public class DigestFlowTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_subscribe_confirm_receive_a_digest_and_leave_with_one_click(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(12);
        var reader = SmtpSink.NewAddress();
        using var browser = new BrowserSession(app);

        var answer = await browser.SubscribeAsync(reader);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Check your inbox", answer.Text);
        var confirmation = Assert.Single(await sink.WaitForAsync(reader));
        Assert.Equal(DigestKit.ConfirmationSubject, confirmation.Subject);

        // Before confirming: a run sends nothing, and asking again does not mail again.
        await app.RunAsync();
        await browser.SubscribeAsync(reader);
        Assert.Single(sink.To(reader));

        Assert.Contains("Confirmed", (await browser.ConfirmAsync(confirmation)).Text);
        var summary = await app.RunAsync();
        Assert.Equal(1, summary.Sent);
        var digest = (await sink.WaitForAsync(reader, 2))[1];

        Assert.Equal("Trending papers — Thu 28 May 2026", digest.Subject);
        Assert.NotNull(digest.TextBody);
        Assert.NotNull(digest.HtmlBody);
        Assert.Equal("multipart/alternative", digest.Body?.ContentType.MimeType);
        Assert.DoesNotContain("<img", digest.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("<mailto:", digest.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(digest.Headers["List-Id"]));
        Assert.StartsWith("digest.2026-05-28.", digest.MessageId, StringComparison.Ordinal);
        Assert.Equal(TestApp.Now, digest.Date);

        // Every link in the mail (papers, manage, unsubscribe) is absolute on the public address and answers on the app.
        var paperLinks = DigestKitLinks(digest.HtmlBody!).Where(l => l.AbsolutePath.StartsWith("/papers/", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, paperLinks.Count);
        foreach (var link in paperLinks.Append(DigestKit.Link(digest.TextBody, "/digest/manage")).Append(DigestKit.UnsubscribeUrl(digest)))
        {
            Assert.Equal("papers.example.org", link.Host);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link.PathAndQuery)).Status);
        }

        // RFC 8058: what a mail client's unsubscribe button sends, with no cookie and no antiforgery token.
        using var mailClient = new BrowserSession(app);
        var unsubscribed = await mailClient.PostAsync(DigestKit.UnsubscribeUrl(digest).PathAndQuery, [new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.Status);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await app.SubscriptionAsync(reader))!.Status);

        // Again: idempotent. The next day's run sends nothing.
        Assert.Equal(HttpStatusCode.OK, (await mailClient.PostAsync(DigestKit.UnsubscribeUrl(digest).PathAndQuery, [new("List-Unsubscribe", "One-Click")])).Status);
        await app.RunAsync(DigestKit.Period.AddDays(1));
        Assert.Equal(2, sink.To(reader).Count);
    }

    private static IEnumerable<Uri> DigestKitLinks(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]+)\"").Select(m => new Uri(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)));
}
