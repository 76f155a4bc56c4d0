using System.Net.Http.Json;
using System.Text.Json;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Votes;

/// <summary>
/// <c>/papers/trending</c>: the last 14 days of the feed by (upvotes + 1) / (hours + 2)^1.5. What a reader notices:
/// votes lift a paper, age lets it sink, and a vote shows at once.
/// </summary>
public class TrendingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task At_equal_age_more_votes_rank_higher_and_the_header_links_here()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(
            Submitted("2605.00031", "Three votes", hoursAgo: 5, upvotes: 3),
            Submitted("2605.00032", "Seven votes", hoursAgo: 5, upvotes: 7),
            Submitted("2605.00033", "No votes", hoursAgo: 5, upvotes: 0));

        var html = await app.Client.GetStringAsync("/papers/trending", Cancel);

        AssertOrder(html, "Seven votes", "Three votes", "No votes");
        Assert.Contains("href=\"/papers/trending\"", html);
        Assert.Contains("(upvotes + 1) / (hours since submission + 2)<sup>1.5</sup>", html);
    }

    [Fact]
    public async Task An_older_paper_needs_more_votes_to_outrank_a_newer_one_and_past_14_days_it_is_gone()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(
            Submitted("2605.00041", "Fresh with one vote", hoursAgo: 2, upvotes: 1),
            Submitted("2605.00042", "A day old with ten", hoursAgo: 26, upvotes: 10),
            Submitted("2605.00043", "A day old with forty", hoursAgo: 26, upvotes: 40),
            Submitted("2605.00044", "Three weeks old with a thousand", hoursAgo: 21 * 24, upvotes: 1000));

        var html = await app.Client.GetStringAsync("/papers/trending", Cancel);

        AssertOrder(html, "A day old with forty", "Fresh with one vote", "A day old with ten");
        Assert.DoesNotContain("Three weeks old", html);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_vote_moves_a_paper_up_at_once_for_the_voter_anonymous_readers_and_the_api(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(
            Submitted("2605.00051", "Leader", hoursAgo: 3, upvotes: 1),
            Submitted("2605.00052", "Challenger", hoursAgo: 3, upvotes: 0));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var voter = await CommunityClient.SignedInAsync(app, "ada");
        var other = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "bob"));
        AssertOrder(await app.Client.GetStringAsync("/papers/trending", Cancel), "Leader", "Challenger"); // now cached
        AssertOrder(await voter.Http.GetStringAsync("/papers/trending", Cancel), "Leader", "Challenger");

        var page = await voter.Http.GetStringAsync("/papers/2605.00052", Cancel);
        var token = await voter.AntiforgeryTokenAsync("/papers/2605.00052");
        using (await voter.PostFormAsync("/papers/vote?id=2605.00052", token, new() { ["up"] = "true" }))
        {
        }

        await VoteApiTests.SendAsync(app, HttpMethod.Post, "/api/papers/2605.00052/upvote", other);

        AssertOrder(await voter.Http.GetStringAsync("/papers/trending", Cancel), "Challenger", "Leader");
        AssertOrder(await app.Client.GetStringAsync("/papers/trending", Cancel), "Challenger", "Leader");
        var api = await app.Client.GetFromJsonAsync<JsonElement>("/api/daily_papers?sort=trending", Cancel);
        Assert.Equal(["2605.00052", "2605.00051"], api.EnumerateArray().Select(i => i.GetProperty("paper").GetProperty("id").GetString()));
        Assert.Contains("Challenger", page);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_stale_feed_trends_as_of_its_newest_day_and_the_page_says_so(DatabaseProvider provider)
    {
        // Nothing entered the feed in the 14 days before TestApp.Now (29 May 2026): its newest day is 80 days earlier.
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var newest = new DateOnly(2026, 3, 10);
        await app.AddPapersAsync(
            AtNine("2603.00001", newest, upvotes: 1, title: "Newest day with one vote"),
            AtNine("2603.00002", newest.AddDays(-3), upvotes: 40, title: "Three days earlier with forty"),
            AtNine("2603.00003", newest.AddDays(-3), upvotes: 0, title: "Three days earlier with none"),
            AtNine("2602.00004", newest.AddDays(-20), upvotes: 500, title: "Twenty days earlier with five hundred"));

        var html = await app.Client.GetStringAsync("/papers/trending", Cancel);

        AssertOrder(html, "Three days earlier with forty", "Newest day with one vote", "Three days earlier with none");
        Assert.DoesNotContain("Twenty days earlier", html); // the 14 days up to the newest day, as for a live feed
        Assert.Contains("Nothing was added to the daily feed in the last 14 days: its newest day is", html);
        Assert.Contains("<time datetime=\"2026-03-10\">10 Mar 2026</time>", html);
        Assert.Contains("(80 days ago), so this is trending as of that day.", html);
        Assert.DoesNotContain("The daily feed is empty", html);
        var api = await app.Client.GetFromJsonAsync<JsonElement>("/api/daily_papers?sort=trending", Cancel);
        Assert.Equal(["2603.00002", "2603.00001", "2603.00003"], api.EnumerateArray().Select(i => i.GetProperty("paper").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task An_empty_feed_says_so()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        var html = await app.Client.GetStringAsync("/papers/trending", Cancel);

        Assert.Contains("The daily feed is empty: papers trend here once they are submitted or imported.", html);
        Assert.DoesNotContain("Nothing was added", html);
    }

    private static Paper Submitted(string id, string title, int hoursAgo, int upvotes)
    {
        var at = TestApp.Now.AddHours(-hoursAgo);
        var paper = PaperFactory.InFeed(id, DateOnly.FromDateTime(at.UtcDateTime), upvotes, title);
        paper.FeedEntry!.SubmittedAt = at;
        return paper;
    }

    /// <summary>
    /// Submitted at 09:00 of its feed day. (PaperFactory adds a minute per paper made in the test process, so late in
    /// a full run its times leave the feed day, which a real feed entry never does.)
    /// </summary>
    private static Paper AtNine(string id, DateOnly day, int upvotes, string title)
    {
        var paper = PaperFactory.InFeed(id, day, upvotes, title);
        paper.FeedEntry!.SubmittedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        return paper;
    }

    private static void AssertOrder(string html, params string[] titles)
    {
        var positions = titles.Select(t => html.IndexOf(">" + t + "<", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }
}
