using System.Net;
using Paperwire.Core.Digests;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>
/// What the subscribe form does with addresses it must not use, with header-injection attempts, with an address
/// already subscribed, and with repeated requests: a clear answer, nothing sent that should not be, nothing lost.
/// </summary>
public class SubscribeBadInputTests
{
    public static TheoryData<DatabaseProvider, string> BadAddresses()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        string[] addresses =
        [
            "", "plain", "a@b", "two@@example.org", "Ann <ann@example.org>", "a@example.org, b@example.org", "a b@example.org",
            "{victim}\r\nBcc: {victim}", "{victim}\nSubject: free money", "{victim}%0d%0aBcc:{victim}", new string('a', 250) + "@example.org",
        ];
        foreach (var provider in Databases.Both)
        {
            foreach (var address in addresses)
            {
                data.Add(provider, address);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public async Task An_unusable_address_gets_a_clear_400_and_nothing_is_stored_or_sent(DatabaseProvider provider, string template)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        var victim = SmtpSink.NewAddress("victim");
        var address = template.Replace("{victim}", victim, StringComparison.Ordinal);
        using var browser = new BrowserSession(app);

        var page = await browser.SubmitAsync("/digest/subscribe", new Dictionary<string, string> { ["Email"] = address });

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("not an email address we can send to", page.Text);
        Assert.Equal(0, await app.QueryAsync(db => Task.FromResult(db.DigestSubscriptions.Count())));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Empty(sink.To(victim));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_address_already_subscribed_gets_the_same_answer_a_manage_link_and_keeps_its_subscription(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        var reader = SmtpSink.NewAddress();
        var newcomer = SmtpSink.NewAddress("newcomer");
        await DigestKit.SubscribeConfirmedAsync(app, sink, reader);
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        using var stranger = new BrowserSession(app);
        var again = await stranger.SubscribeAsync(reader.ToUpperInvariant());
        var fresh = await stranger.SubscribeAsync(newcomer);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(Answer(fresh), Answer(again)); // the form does not tell a stranger who is subscribed
        var mails = await sink.WaitForAsync(reader, 2);
        Assert.Equal("You already get Paperwire's digest", mails[1].Subject);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(DigestKit.Link(mails[1].TextBody, "/digest/manage").PathAndQuery)).Status);
        var subscription = await app.SubscriptionAsync(reader);
        Assert.Equal(SubscriptionStatus.Active, subscription!.Status);
        Assert.Equal(reader, subscription.Email);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Repeated_requests_for_one_address_send_one_mail_per_ten_minutes_whatever_the_sender(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        var target = SmtpSink.NewAddress("target");

        for (var i = 0; i < 5; i++)
        {
            using var visitor = new BrowserSession(app); // a new IP address each time
            Assert.Equal(HttpStatusCode.OK, (await visitor.SubscribeAsync(target)).Status);
        }

        Assert.Single(await sink.WaitForAsync(target));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        using (var later = new BrowserSession(app))
        {
            await later.SubscribeAsync(target);
        }

        Assert.Equal(2, (await sink.WaitForAsync(target, 2)).Count);
    }

    [Fact]
    public async Task One_IP_address_gets_429_after_ten_subscribe_requests_in_ten_minutes()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink);
        using var script = new BrowserSession(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            var page = await script.GetAsync("/digest/subscribe");
            statuses.Add((await script.SubmitAsync(page, new Dictionary<string, string> { ["Email"] = SmtpSink.NewAddress("spray") })).Status);
        }

        Assert.All(statuses[..10], s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task The_subscribe_form_needs_its_antiforgery_token()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink);
        var target = SmtpSink.NewAddress("csrf");
        using var attacker = new BrowserSession(app);

        var forged = await attacker.PostAsync("/digest/subscribe", [new("Email", target)]);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Null(await app.SubscriptionAsync(target));
    }

    private static string Answer(WebPage page) =>
        System.Text.RegularExpressions.Regex.Match(page.Text, "<p class=\"digest-answer\">(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
}
