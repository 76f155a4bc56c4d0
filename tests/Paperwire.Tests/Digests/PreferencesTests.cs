using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Community;
using Paperwire.Core.Digests;
using Paperwire.Core.Papers;
using Paperwire.Digests;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;
using Paperwire.Tests.Accounts;

namespace Paperwire.Tests.Digests;

/// <summary>What a subscriber's preferences change in the mail they get; account holders subscribe from their settings.</summary>
public class PreferencesTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Category_organization_and_count_filters_choose_the_papers(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3, first: 0, category: "cs.CL");
        await app.AddPeriodPapersAsync(3, first: 10, category: "stat.ML");
        await app.AddPeriodPapersAsync(2, first: 20, category: "cs.LG", organization: new Organization { Name = "acme", FullName = "Acme Research" });
        var statistician = SmtpSink.NewAddress("stat");
        var acme = SmtpSink.NewAddress("acme");
        var brief = SmtpSink.NewAddress("brief");
        await app.AddActiveSubscriberAsync(statistician, s => s.Categories = ["stat"]);
        await app.AddActiveSubscriberAsync(acme, s => s.Organizations = ["ACME"]);
        await app.AddActiveSubscriberAsync(brief, s => (s.PaperCount, s.Categories) = (1, ["cs"]));

        await app.RunAsync();

        Assert.Equal(["Digest paper 10", "Digest paper 11", "Digest paper 12"], DigestKit.Titles(Assert.Single(await sink.WaitForAsync(statistician))));
        Assert.Equal(["Digest paper 20", "Digest paper 21"], DigestKit.Titles(Assert.Single(await sink.WaitForAsync(acme))));
        Assert.Equal(["Digest paper 0"], DigestKit.Titles(Assert.Single(await sink.WaitForAsync(brief))));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_account_holder_subscribes_from_settings_and_personal_picks_fall_back_to_trending_with_a_note(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        var papers = await app.AddPeriodPapersAsync(3);
        var address = SmtpSink.NewAddress("member");
        var userId = await CreateUserAsync(app, "member", address);
        await app.QueryAsync(async db =>
        {
            db.Votes.Add(new Vote { UserId = userId, PaperId = papers[2].Id, CreatedAt = TestApp.Now });
            return await db.SaveChangesAsync();
        });
        using var browser = new BrowserSession(app);
        await browser.SignInAsync("member");

        var settings = await browser.SubmitAsync("/account/digest", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, settings.Status);
        Assert.Contains("Your digest goes to", settings.Text);
        var subscription = await app.SubscriptionAsync(address);
        Assert.Equal((SubscriptionStatus.Active, userId), (subscription!.Status, subscription.UserId));
        var manage = System.Text.RegularExpressions.Regex.Match(settings.Html, "href=\"(/digest/manage\\?token=[^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync(WebUtility.HtmlDecode(manage), new Dictionary<string, string> { ["Form.PersonalPicks"] = "true" })).Status);

        await app.RunAsync();

        var digest = Assert.Single(await sink.WaitForAsync(address)); // no confirmation mail: the account's address is confirmed
        Assert.Contains(PaperSelection.PicksUnavailable, digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(["Digest paper 0", "Digest paper 1", "Digest paper 2"], DigestKit.Titles(digest).Take(3)); // trending order, not the upvoted paper first
    }

    [Fact]
    public async Task Personal_picks_put_the_papers_closest_in_meaning_to_the_readers_upvotes_first()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink, embeddings: true);
        var liked = Paper("2605.30001", DigestKit.Period.AddDays(-20), 0, "Protein folding with attention networks", "We predict the three-dimensional structure of proteins from amino acid sequences with attention-based neural networks.");
        var close = Paper("2605.30002", DigestKit.Period, 1, "Predicting protein structures from sequence", "A deep learning model predicts protein tertiary structure and residue contacts from amino acid sequences.");
        var popular = Paper("2605.30003", DigestKit.Period, 90, "Forecasting stock market volatility", "We forecast the volatility of equity markets with econometric models and high-frequency trading data.");
        var other = Paper("2605.30004", DigestKit.Period, 80, "Register allocation in optimizing compilers", "A graph colouring register allocator for an optimizing compiler reduces spills on GPUs.");
        await app.AddPapersAsync(liked, close, popular, other);
        var address = SmtpSink.NewAddress("biologist");
        var userId = await CreateUserAsync(app, "biologist", address);
        await app.QueryAsync(async db =>
        {
            db.Votes.Add(new Vote { UserId = userId, PaperId = liked.Id, CreatedAt = TestApp.Now });
            return await db.SaveChangesAsync();
        });
        var search = app.Services.GetRequiredService<Paperwire.Search.Hybrid.PaperSearch>();
        await SearchWeb.SearchTestKit.UntilAsync(() => Task.FromResult(search.Similar(liked.Id, 50).Contains(close.Id)), "the new papers are embedded", TimeSpan.FromSeconds(90));
        var picks = SmtpSink.NewAddress("picks");
        var trending = SmtpSink.NewAddress("trending");
        await app.AddActiveSubscriberAsync(picks, s => (s.UserId, s.PersonalPicks, s.PaperCount) = (userId, true, 3));
        await app.AddActiveSubscriberAsync(trending, s => s.PaperCount = 3);

        await app.RunAsync();

        var picked = Assert.Single(await sink.WaitForAsync(picks));
        Assert.Equal(close.Title, DigestKit.Titles(picked)[0]);
        Assert.DoesNotContain(PaperSelection.PicksUnavailable, picked.TextBody, StringComparison.Ordinal);
        Assert.Equal(popular.Title, DigestKit.Titles(Assert.Single(await sink.WaitForAsync(trending)))[0]);
    }

    [Fact]
    public async Task Account_mail_goes_over_smtp_when_a_server_is_configured()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink);
        var address = SmtpSink.NewAddress("signup");
        using var browser = new BrowserSession(app);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignUpAsync("newcomer", address)).Status);

        Assert.Equal("Confirm your Paperwire account", Assert.Single(await sink.WaitForAsync(address)).Subject);
        Assert.Empty(Mailbox.Of(app).Messages());
    }

    private static Paper Paper(string id, DateOnly day, int upvotes, string title, string summary)
    {
        var paper = PaperFactory.InFeed(id, day, upvotes: upvotes, title: title);
        paper.Summary = summary;
        return paper;
    }

    private static async Task<string> CreateUserAsync(TestApp app, string name, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        var user = new PaperwireUser { UserName = name, Email = email, EmailConfirmed = true, JoinedAt = TestApp.Now };
        Assert.True((await users.CreateAsync(user, AccountSteps.Password)).Succeeded);
        return user.Id;
    }
}
