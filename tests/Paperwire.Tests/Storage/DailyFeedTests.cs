using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Tests.Storage;

/// <summary>The daily feed's windows, ranking and paging, on SQLite and PostgreSQL.</summary>
public class DailyFeedTests
{
    private static readonly DateOnly Mon = new(2025, 12, 29); // ISO week 2026-W01 starts here
    private static readonly DateOnly Wed = new(2025, 12, 31);
    private static readonly DateOnly Fri = new(2026, 1, 2);
    private static readonly DateOnly NextMon = new(2026, 1, 5);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReadAsync_Day_RanksByUpvotesThenSubmissionOrder(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2512.00001", Wed, upvotes: 3),
            PaperFactory.InFeed("2512.00002", Wed, upvotes: 9),
            PaperFactory.InFeed("2512.00003", Wed, upvotes: 3),
            PaperFactory.InFeed("2512.00004", Fri, upvotes: 50));

        var page = await ReadAsync(app, new FeedQuery(FeedWindow.Day(Wed)));

        Assert.Equal(["2512.00002", "2512.00001", "2512.00003"], page.Entries.Select(e => e.PaperId));
        Assert.False(page.HasMore);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReadAsync_IsoWeekAcrossYearEnd_IncludesBothYearsDays(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2512.00010", Mon.AddDays(-1), upvotes: 1), // Sunday of 2025-W52
            PaperFactory.InFeed("2512.00011", Mon, upvotes: 1),
            PaperFactory.InFeed("2601.00012", Fri, upvotes: 2),
            PaperFactory.InFeed("2601.00013", NextMon, upvotes: 3));

        Assert.True(FeedWindow.TryParseWeek("2026-W01", out var week));
        var page = await ReadAsync(app, new FeedQuery(week));

        Assert.Equal(["2601.00012", "2512.00011"], page.Entries.Select(e => e.PaperId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReadAsync_Month_ExcludesNeighbouringMonths(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2512.00020", new DateOnly(2025, 11, 30)),
            PaperFactory.InFeed("2512.00021", new DateOnly(2025, 12, 1)),
            PaperFactory.InFeed("2512.00022", new DateOnly(2025, 12, 31)),
            PaperFactory.InFeed("2601.00023", new DateOnly(2026, 1, 1)));

        var page = await ReadAsync(app, new FeedQuery(FeedWindow.Month(2025, 12)));

        Assert.Equal(["2512.00021", "2512.00022"], page.Entries.Select(e => e.PaperId).Order());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReadAsync_Pages_CoverEveryEntryOnceAndFlagMore(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync([.. Enumerable.Range(1, 7).Select(i => PaperFactory.InFeed($"2512.{i:00000}", Wed, upvotes: i % 3))]);

        var first = await ReadAsync(app, new FeedQuery(FeedWindow.Day(Wed), Limit: 3));
        var second = await ReadAsync(app, new FeedQuery(FeedWindow.Day(Wed), Page: 1, Limit: 3));
        var last = await ReadAsync(app, new FeedQuery(FeedWindow.Day(Wed), Page: 2, Limit: 3));

        Assert.True(first.HasMore);
        Assert.True(second.HasMore);
        Assert.False(last.HasMore);
        var all = first.Entries.Concat(second.Entries).Concat(last.Entries).Select(e => e.PaperId).ToList();
        Assert.Equal(7, all.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task NeighbourDates_SkipEmptyDays(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2512.00030", Mon), PaperFactory.InFeed("2601.00031", Fri));

        await using var scope = app.Services.CreateAsyncScope();
        var feed = scope.ServiceProvider.GetRequiredService<DailyFeed>();
        Assert.Equal(Mon, await feed.PreviousDateAsync(Fri, TestContext.Current.CancellationToken));
        Assert.Equal(Fri, await feed.NextDateAsync(Mon.AddDays(1), TestContext.Current.CancellationToken));
        Assert.Null(await feed.PreviousDateAsync(Mon, TestContext.Current.CancellationToken));
        Assert.Null(await feed.NextDateAsync(Fri.AddDays(1), TestContext.Current.CancellationToken));
        Assert.Equal(Fri, await feed.LatestDateAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReadAsync_SubmitterAndSortByPaperDate_FilterAndOrder(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2512.00040", Wed, upvotes: 5, submittedBy: "ada", publishedOn: new DateOnly(2025, 12, 1)),
            PaperFactory.InFeed("2512.00041", Wed, upvotes: 1, submittedBy: "ada", publishedOn: new DateOnly(2025, 12, 20)),
            PaperFactory.InFeed("2512.00042", Wed, upvotes: 9, submittedBy: "bob"));

        var page = await ReadAsync(app, new FeedQuery(FeedWindow.Day(Wed), Submitter: "ada", Sort: FeedSort.PublishedAt));

        Assert.Equal(["2512.00041", "2512.00040"], page.Entries.Select(e => e.PaperId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReadAsync_Trending_PrefersFreshVotesOverOldOnes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var today = DateOnly.FromDateTime(TestApp.Now.UtcDateTime);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2605.00050", today.AddDays(-10), upvotes: 30),
            PaperFactory.InFeed("2605.00051", today, upvotes: 4),
            PaperFactory.InFeed("2605.00052", today, upvotes: 1));

        var page = await ReadAsync(app, new FeedQuery(null, Sort: FeedSort.Trending));

        Assert.Equal(["2605.00051", "2605.00052", "2605.00050"], page.Entries.Select(e => e.PaperId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReadAsync_Papers_ComeWithAuthorsInBylineOrderAndOrganization(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var org = new Organization { Name = "acme-lab", FullName = "ACME Lab" };
        await app.AddPapersAsync(PaperFactory.InFeed("2512.00060", Wed, organization: org, authors: ["Zoe", "Adam", "Mia"]));

        var paper = (await ReadAsync(app, new FeedQuery(FeedWindow.Day(Wed)))).Entries.Single().Paper!;

        Assert.Equal(["Zoe", "Adam", "Mia"], paper.Authors.Select(a => a.Name));
        Assert.Equal("ACME Lab", paper.Organization!.FullName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Model_HasNoPendingMigration(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var pending = await app.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, $"The model has changes without a {provider} migration: run dotnet ef migrations add for src/Paperwire.Storage.{provider}.");
    }

    private static async Task<FeedPage> ReadAsync(TestApp app, FeedQuery query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyFeed>().ReadAsync(query, TestContext.Current.CancellationToken);
    }
}
