using System.Net;
using Paperwire.Core.Digests;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>Confirmation, manage and unsubscribe links that were forged, altered, expired or reused: a clear page, no state change.</summary>
public class LinkBadInputTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Forged_and_altered_links_get_a_clear_400_and_change_nothing(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        await DigestKit.SubscribeConfirmedAsync(app, sink, reader);
        await app.RunAsync();
        var digest = (await sink.WaitForAsync(reader, 2))[1];
        var unsubscribe = DigestKit.UnsubscribeUrl(digest).PathAndQuery;
        var altered = unsubscribe[..^3] + (unsubscribe[^3] == 'A' ? 'B' : 'A') + unsubscribe[^2..];
        using var visitor = new BrowserSession(app);

        foreach (var link in new[] { altered, "/digest/unsubscribe?token=forged", "/digest/unsubscribe", "/digest/manage?token=%00%0d%0a", "/digest/confirm?token=" + altered[(altered.IndexOf('=') + 1)..] })
        {
            var page = await visitor.GetAsync(link);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("link", page.Text, StringComparison.OrdinalIgnoreCase);
        }

        var posted = await visitor.PostAsync(altered, [new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Contains("damaged", posted.Text);
        Assert.Equal(SubscriptionStatus.Active, (await app.SubscriptionAsync(reader))!.Status);
        Assert.Equal(2, sink.To(reader).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_expired_confirmation_link_confirms_nothing_and_a_new_request_works(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        using var browser = new BrowserSession(app);
        await browser.SubscribeAsync(reader);
        var old = Assert.Single(await sink.WaitForAsync(reader));

        app.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync(DigestKit.Link(old.TextBody, "/digest/confirm").PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Contains("expired", expired.Text);
        Assert.Equal(SubscriptionStatus.Pending, (await app.SubscriptionAsync(reader))!.Status);
        await app.RunAsync();
        Assert.Single(sink.To(reader));

        await browser.SubscribeAsync(reader);
        var fresh = (await sink.WaitForAsync(reader, 2))[1];
        Assert.Contains("Confirmed", (await browser.ConfirmAsync(fresh)).Text);
        Assert.Equal(SubscriptionStatus.Active, (await app.SubscriptionAsync(reader))!.Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Reused_links_are_harmless_and_a_confirmation_link_dies_with_the_subscription(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        var confirmation = await DigestKit.SubscribeConfirmedAsync(app, sink, reader);
        using var browser = new BrowserSession(app);

        Assert.Contains("already confirmed", (await browser.ConfirmAsync(confirmation)).Text);

        await app.RunAsync();
        var unsubscribe = DigestKit.UnsubscribeUrl((await sink.WaitForAsync(reader, 2))[1]).PathAndQuery;
        Assert.Contains("You are unsubscribed", (await browser.SubmitAsync(unsubscribe, new Dictionary<string, string>())).Text);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(unsubscribe, [])).Status);

        // The old confirmation link cannot quietly subscribe the address again.
        var reused = await browser.GetAsync(DigestKit.Link(confirmation.TextBody, "/digest/confirm").PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, reused.Status);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await app.SubscriptionAsync(reader))!.Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Preferences_with_line_breaks_or_out_of_range_values_are_refused_and_the_old_ones_kept(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        await DigestKit.SubscribeConfirmedAsync(app, sink, reader);
        await app.RunAsync();
        var manage = DigestKit.Link((await sink.WaitForAsync(reader, 2))[1].TextBody, "/digest/manage").PathAndQuery;
        using var browser = new BrowserSession(app);

        foreach (var (field, value) in new[] { ("Form.Categories", "cs.CL\r\nBcc: x@example.org"), ("Form.SearchQuery", "diffusion\nBcc: x@example.org"), ("Form.Organizations", "Acme\r\n"), ("Form.PaperCount", "51"), ("Form.PaperCount", "0"), ("Form.Categories", "not a category!"), ("Form.PersonalPicks", "true") })
        {
            var page = await browser.SubmitAsync(manage, new Dictionary<string, string> { [field] = value });
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{field}={value} answered {(int)page.Status}");
        }

        var kept = await app.SubscriptionAsync(reader);
        Assert.Equal((10, 0, (string?)null, false), (kept!.PaperCount, kept.Categories.Count, kept.SearchQuery, kept.PersonalPicks));

        var saved = await browser.SubmitAsync(manage, new Dictionary<string, string> { ["Form.PaperCount"] = "2", ["Form.Categories"] = "cs, stat.ML" });
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        var changed = await app.SubscriptionAsync(reader);
        Assert.Equal(2, changed!.PaperCount);
        Assert.Equal(["cs", "stat.ML"], changed.Categories);
    }
}
