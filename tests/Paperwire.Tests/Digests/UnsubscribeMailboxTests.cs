using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>
/// The mailto: half of List-Unsubscribe: a reader's mail client sends the message the header describes, the
/// operator's mail server delivers it into a Maildir, and Paperwire reads it and unsubscribes — once, and only for
/// a valid token. And requests nobody confirmed are forgotten when their link expires.
/// </summary>
public class UnsubscribeMailboxTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Mail_to_the_unsubscribe_address_unsubscribes_once_and_a_forged_one_changes_nothing(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var mailbox = await PrivateSmtpServer.StartAsync();
        await using var app = await DigestKit.StartAsync(provider, sink, new Dictionary<string, string?>
        {
            ["Digests:UnsubscribeMailbox"] = "leave@papers.example.org",
            ["Digests:UnsubscribeMaildir"] = mailbox.Maildir,
        });
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        var bystander = SmtpSink.NewAddress("bystander");
        await app.AddActiveSubscriberAsync(reader);
        await app.AddActiveSubscriberAsync(bystander);
        await app.RunAsync();
        var (address, subject) = DigestKit.UnsubscribeMailto(Assert.Single(await sink.WaitForAsync(reader)));
        Assert.Equal("leave@papers.example.org", address);

        // What a mail client does with the mailto: link, and a stranger who altered the token.
        await mailbox.DeliverAsync(reader, address, subject);
        var token = subject.Split(' ')[^1];
        await mailbox.DeliverAsync("mallory@example.net", address, "unsubscribe " + token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..]);
        await mailbox.DeliverAsync("mallory@example.net", address, "please stop");
        await mailbox.WaitForNewAsync(3);

        var read = await ReadAsync(app);

        Assert.Equal(new MailboxSummary(1, 0, 2), read);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await app.SubscriptionAsync(reader))!.Status);
        Assert.Equal(SubscriptionStatus.Active, (await app.SubscriptionAsync(bystander))!.Status);
        Assert.Equal((0, 3), mailbox.Counts());
        Assert.Equal(MailboxSummary.Empty, await ReadAsync(app));

        // The same request again (a second click) is answered as done already.
        await mailbox.DeliverAsync(reader, address, subject);
        await mailbox.WaitForNewAsync(1);
        Assert.Equal(new MailboxSummary(0, 1, 0), await ReadAsync(app));

        // The next period reaches the bystander only.
        await app.AddPeriodPapersAsync(3, first: 20, day: DigestKit.Period.AddDays(1));
        Assert.Equal(1, (await app.RunAsync(DigestKit.Period.AddDays(1))).Sent);
        Assert.Single(sink.To(reader));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Requests_nobody_confirmed_are_forgotten_once_their_link_has_expired(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        var ignored = SmtpSink.NewAddress("ignored");
        var confirmed = SmtpSink.NewAddress("confirmed");
        var late = SmtpSink.NewAddress("late");
        using (var browser = new BrowserSession(app))
        {
            await browser.SubscribeAsync(ignored);
        }

        await DigestKit.SubscribeConfirmedAsync(app, sink, confirmed);
        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        using (var browser = new BrowserSession(app))
        {
            await browser.SubscribeAsync(late);
        }

        await app.Services.GetServices<IHostedService>().OfType<DigestHousekeeping>().Single().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Null(await app.SubscriptionAsync(ignored));
        Assert.Equal(SubscriptionStatus.Active, (await app.SubscriptionAsync(confirmed))!.Status);
        Assert.Equal(SubscriptionStatus.Pending, (await app.SubscriptionAsync(late))!.Status);
    }

    private static async Task<MailboxSummary> ReadAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnsubscribeMailbox>().ReadAsync(TestContext.Current.CancellationToken);
    }
}
