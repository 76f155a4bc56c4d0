using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Votes;

/// <summary><c>POST</c>/<c>DELETE /api/papers/{id}/upvote</c>: one vote per user per paper, and every way to get it wrong.</summary>
public class VoteApiTests
{
    private static readonly DateOnly Day = new(2026, 5, 28);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Upvoting_twice_counts_once_and_removing_twice_leaves_none(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", Day));
        var secret = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "ada"));

        Assert.Equal((1, true), await SendAsync(app, HttpMethod.Post, "/api/papers/2605.00001/upvote", secret));
        Assert.Equal((1, true), await SendAsync(app, HttpMethod.Post, "/api/papers/2605.00001/upvote", secret));
        Assert.Equal((1, 1), await StoredAsync(app, "2605.00001"));

        Assert.Equal((0, false), await SendAsync(app, HttpMethod.Delete, "/api/papers/2605.00001/upvote", secret));
        Assert.Equal((0, false), await SendAsync(app, HttpMethod.Delete, "/api/papers/2605.00001/upvote", secret));
        Assert.Equal((0, 0), await StoredAsync(app, "2605.00001"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_vote_shows_in_the_paper_api_the_daily_papers_api_the_card_and_the_paper_page(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        // Mirrored papers arrive with upvotes that have no vote rows: a vote adds to them.
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00002", Day, upvotes: 41, title: "Counted everywhere"));
        var secret = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "ada"));
        // Cached for anonymous readers before the vote: the vote must evict them.
        Assert.Contains("<span class=\"count\">41</span>", await app.Client.GetStringAsync("/papers/date/2026-05-28", Cancel));
        Assert.Equal(41, (await app.Client.GetFromJsonAsync<JsonElement>("/api/papers/2605.00002", Cancel)).GetProperty("upvotes").GetInt32());

        Assert.Equal((42, true), await SendAsync(app, HttpMethod.Post, "/api/papers/2605.00002/upvote", secret));

        Assert.Equal(42, (await app.Client.GetFromJsonAsync<JsonElement>("/api/papers/2605.00002", Cancel)).GetProperty("upvotes").GetInt32());
        var daily = await app.Client.GetFromJsonAsync<JsonElement>("/api/daily_papers?date=2026-05-28", Cancel);
        Assert.Equal(42, daily[0].GetProperty("paper").GetProperty("upvotes").GetInt32());
        Assert.Contains("<span class=\"count\">42</span>", await app.Client.GetStringAsync("/papers/date/2026-05-28", Cancel));
        Assert.Contains("<span class=\"count\">42</span>", await app.Client.GetStringAsync("/papers/2605.00002", Cancel));
    }

    [Fact]
    public async Task Old_style_and_versioned_ids_can_be_upvoted()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("hep-th/9901001", Day), PaperFactory.InFeed("2605.00003", Day));
        var secret = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "ada"));

        Assert.Equal((1, true), await SendAsync(app, HttpMethod.Post, "/api/papers/hep-th/9901001/upvote", secret));
        Assert.Equal((1, true), await SendAsync(app, HttpMethod.Post, "/api/papers/2605.00003v2/upvote", secret));
        Assert.Equal((0, false), await SendAsync(app, HttpMethod.Delete, "/api/papers/hep-th/9901001/upvote", secret));
        Assert.Equal((0, 0), await StoredAsync(app, "hep-th/9901001"));
        Assert.Equal((1, 1), await StoredAsync(app, "2605.00003"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Unknown_papers_are_404_and_invalid_ids_400_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var secret = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "ada"));

        await AssertProblemAsync(app, HttpMethod.Post, "/api/papers/2605.99999/upvote", secret, HttpStatusCode.NotFound);
        await AssertProblemAsync(app, HttpMethod.Delete, "/api/papers/2605.99999/upvote", secret, HttpStatusCode.NotFound);
        await AssertProblemAsync(app, HttpMethod.Post, "/api/papers/not-an-id/upvote", secret, HttpStatusCode.BadRequest);
        await AssertProblemAsync(app, HttpMethod.Post, "/api/papers/a/b/upvote", secret, HttpStatusCode.BadRequest);
        await AssertProblemAsync(app, HttpMethod.Post, "/api/papers/" + new string('9', 200) + "/upvote", secret, HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.QueryAsync(db => db.Votes.CountAsync()));
    }

    [Fact]
    public async Task Without_sign_in_an_upvote_is_401_and_changes_nothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00004", Day, upvotes: 3));

        using var response = await app.Client.PostAsync("/api/papers/2605.00004/upvote", null, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((3, 0), await StoredAsync(app, "2605.00004"));
    }

    [Fact]
    public async Task A_cookie_without_the_antiforgery_header_is_400_and_with_it_the_vote_counts()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00005", Day));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");

        using (var response = await browser.Http.PostAsync("/api/papers/2605.00005/upvote", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(Cancel));
        }

        Assert.Equal((0, 0), await StoredAsync(app, "2605.00005"));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/papers/2605.00005/upvote");
        request.Headers.Add("X-CSRF-TOKEN", await browser.AntiforgeryTokenAsync("/account/tokens"));
        using var accepted = await browser.Http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal((1, 1), await StoredAsync(app, "2605.00005"));
    }

    [Fact]
    public async Task Forged_and_revoked_tokens_are_401_and_change_nothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00006", Day));
        var userId = await CommunityClient.CreateUserAsync(app, "ada");
        var secret = await CommunityClient.CreateTokenAsync(app, userId);
        await app.QueryAsync(db => db.ApiTokens.ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, TestApp.Now)));

        foreach (var token in new[] { secret, "pw_" + new string('A', 43), "not-a-token", secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A') })
        {
            using var request = CommunityClient.WithToken(HttpMethod.Post, "/api/papers/2605.00006/upvote", token);
            using var response = await app.Client.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Equal((0, 0), await StoredAsync(app, "2605.00006"));
    }

    [Fact]
    public async Task More_than_60_votes_a_minute_from_one_user_are_429()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00007", Day));
        var secret = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "ada"));
        var other = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "bob"));

        for (var i = 0; i < 60; i++)
        {
            await SendAsync(app, i % 2 == 0 ? HttpMethod.Post : HttpMethod.Delete, "/api/papers/2605.00007/upvote", secret);
        }

        using (var request = CommunityClient.WithToken(HttpMethod.Post, "/api/papers/2605.00007/upvote", secret))
        using (var response = await app.Client.SendAsync(request, Cancel))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.True(response.Headers.Contains("Retry-After"));
        }

        Assert.Equal((0, 0), await StoredAsync(app, "2605.00007"));
        // The limit is per user: another voter is not held back.
        Assert.Equal((1, true), await SendAsync(app, HttpMethod.Post, "/api/papers/2605.00007/upvote", other));
    }

    /// <summary>Sends a vote request with a token, expects 200 and returns <c>(upvotes, upvoted)</c>.</summary>
    internal static async Task<(int Upvotes, bool Upvoted)> SendAsync(TestApp app, HttpMethod method, string url, string secret)
    {
        using var request = CommunityClient.WithToken(method, url, secret);
        using var response = await app.Client.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {url}: {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("upvotes").GetInt32(), json.GetProperty("upvoted").GetBoolean());
    }

    /// <summary>The paper's stored count and its number of vote rows.</summary>
    internal static Task<(int Upvotes, int Rows)> StoredAsync(TestApp app, string paperId) => app.QueryAsync(async db => (
        await db.Papers.Where(p => p.Id == paperId).Select(p => p.Upvotes).SingleAsync(),
        await db.Votes.CountAsync(v => v.PaperId == paperId)));

    private static async Task AssertProblemAsync(TestApp app, HttpMethod method, string url, string secret, HttpStatusCode expected)
    {
        using var request = CommunityClient.WithToken(method, url, secret);
        using var response = await app.Client.SendAsync(request, Cancel);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
