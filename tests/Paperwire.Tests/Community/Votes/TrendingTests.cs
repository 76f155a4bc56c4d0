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

    private static Paper Submitted(string id, string title, int hoursAgo, int upvotes)
    {
        var at = TestApp.Now.AddHours(-hoursAgo);
        var paper = PaperFactory.InFeed(id, DateOnly.FromDateTime(at.UtcDateTime), upvotes, title);
        paper.FeedEntry!.SubmittedAt = at;
        return paper;
    }

    private static void AssertOrder(string html, params string[] titles)
    {
        var positions = titles.Select(t => html.IndexOf(">" + t + "<", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }
}
