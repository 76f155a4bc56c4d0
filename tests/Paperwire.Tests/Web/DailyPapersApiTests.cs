using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Tests.Web;

/// <summary>GET /api/daily_papers answers in huggingface.co's shape, pages with Link headers and rejects bad input.</summary>
public class DailyPapersApiTests
{
    private static readonly DateOnly Day = new(2025, 4, 8);

    private static readonly string[] ItemFields =
        ["paper", "publishedAt", "title", "summary", "thumbnail", "numComments", "submittedBy", "isAuthorParticipating", "organization", "feedDate",
         "ai_summary", "ai_keywords", "githubRepo", "githubStars", "projectPage"];

    private static readonly string[] PaperFields =
        ["id", "title", "summary", "authors", "publishedAt", "upvotes", "discussionId", "ai_summary", "ai_keywords", "githubRepo",
         "githubStars", "projectPage", "submittedOnDailyAt", "submittedOnDailyBy", "organization", "feedDate"];

    private static readonly string[] UserFields =
        ["_id", "user", "name", "fullname", "avatarUrl", "type", "isPro", "isHf", "isHfAdmin", "isMod", "followerCount"];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Item_HasEveryHfFieldWithTheRightValues(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var paper = PaperFactory.InFeed("2504.05299", Day, upvotes: 42, title: "SmolVLM", submittedBy: "ada",
            organization: new Organization { Name = "huggingface", FullName = "Hugging Face" }, publishedOn: new DateOnly(2025, 4, 7),
            authors: ["Andrés Marafioti", "Orr Zohar"]);
        paper.GithubRepo = "https://github.com/huggingface/smollm";
        await app.AddPapersAsync(paper);

        using var json = await GetJsonAsync(app, "/api/daily_papers?date=2025-04-08");
        var item = Assert.Single(json.RootElement.EnumerateArray());

        Assert.Equal(ItemFields.Order(), item.EnumerateObject().Select(p => p.Name).Order());
        var hfPaper = item.GetProperty("paper");
        Assert.Equal(PaperFields.Order(), hfPaper.EnumerateObject().Select(p => p.Name).Order());

        // As on huggingface.co, the top-level publishedAt is when the paper entered the feed; feedDate is the day it is listed under.
        Assert.Equal(paper.FeedEntry!.SubmittedAt.UtcDateTime.ToString(Paperwire.Api.UtcTimestampConverter.Format, System.Globalization.CultureInfo.InvariantCulture), item.GetProperty("publishedAt").GetString());
        Assert.Equal(hfPaper.GetProperty("submittedOnDailyAt").GetString(), item.GetProperty("publishedAt").GetString());
        Assert.Equal("2025-04-08", item.GetProperty("feedDate").GetString());
        Assert.Equal("2025-04-08", hfPaper.GetProperty("feedDate").GetString());
        Assert.Equal("2025-04-07T00:00:00.000Z", hfPaper.GetProperty("publishedAt").GetString()); // arXiv date
        Assert.Equal("2504.05299", hfPaper.GetProperty("id").GetString());
        Assert.Equal("SmolVLM", item.GetProperty("title").GetString());
        Assert.Equal(42, hfPaper.GetProperty("upvotes").GetInt32());
        Assert.Equal("https://github.com/huggingface/smollm", hfPaper.GetProperty("githubRepo").GetString());
        Assert.Equal("https://github.com/huggingface/smollm", item.GetProperty("githubRepo").GetString()); // where huggingface_hub reads it
        Assert.Equal(JsonValueKind.Array, hfPaper.GetProperty("ai_keywords").ValueKind);
        Assert.Equal(0, item.GetProperty("numComments").GetInt32());
        Assert.False(item.GetProperty("isAuthorParticipating").GetBoolean());

        var authors = hfPaper.GetProperty("authors").EnumerateArray().ToList();
        Assert.Equal(["Andrés Marafioti", "Orr Zohar"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.All(authors, a =>
        {
            Assert.Matches("^[0-9a-f]{24}$", a.GetProperty("_id").GetString());
            Assert.False(a.GetProperty("hidden").GetBoolean());
        });

        foreach (var submitter in new[] { item.GetProperty("submittedBy"), hfPaper.GetProperty("submittedOnDailyBy") })
        {
            Assert.Equal(UserFields.Order(), submitter.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("ada", submitter.GetProperty("user").GetString()); // huggingface_hub's username
            Assert.Equal("ada", submitter.GetProperty("name").GetString());
            Assert.False(submitter.GetProperty("isPro").GetBoolean());
            Assert.Equal(0, submitter.GetProperty("followerCount").GetInt32());
        }

        var organization = item.GetProperty("organization");
        Assert.Equal("huggingface", organization.GetProperty("name").GetString());
        Assert.Equal("Hugging Face", organization.GetProperty("fullname").GetString());
        Assert.Equal(organization.GetProperty("_id").GetString(), hfPaper.GetProperty("organization").GetProperty("_id").GetString());
    }

    [Fact]
    public async Task Pages_FollowLinkHeadersToTheEnd_WithoutRepeats()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync([.. Enumerable.Range(1, 5).Select(i => PaperFactory.InFeed($"2504.{i:00000}", Day, upvotes: i))]);

        var seen = new List<string>();
        var url = "/api/daily_papers?date=2025-04-08&limit=2";
        var pages = 0;
        while (url is not null)
        {
            using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            seen.AddRange(json.RootElement.EnumerateArray().Select(i => i.GetProperty("paper").GetProperty("id").GetString()!));
            url = response.Headers.TryGetValues("Link", out var links) ? ParseNext(links.Single()) : null;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["2504.00005", "2504.00004", "2504.00003", "2504.00002", "2504.00001"], seen);
    }

    [Fact]
    public async Task LastPage_HasNoLinkHeader()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync("/api/daily_papers?date=2025-05-19&limit=100", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.False(response.Headers.Contains("Link"));
    }

    [Fact]
    public async Task NoWindow_ListsNewestDayFirst()
    {
        await using var app = await TestApp.StartAsync();
        using var json = await GetJsonAsync(app, "/api/daily_papers?limit=3");
        var dates = json.RootElement.EnumerateArray().Select(i => i.GetProperty("feedDate").GetString()).ToList();
        Assert.Equal("2026-05-28", dates[0]);
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Fact]
    public async Task Week_ReturnsOnlyThatWeeksPapers_MostUpvotedFirst()
    {
        await using var app = await TestApp.StartAsync();
        using var json = await GetJsonAsync(app, "/api/daily_papers?week=2025-W21&limit=100");
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.InRange(DateOnly.Parse(i.GetProperty("feedDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2025, 5, 19), new DateOnly(2025, 5, 25)));
        var upvotes = items.Select(i => i.GetProperty("paper").GetProperty("upvotes").GetInt32()).ToList();
        Assert.Equal(upvotes.OrderDescending(), upvotes);
    }

    [Theory]
    [InlineData("?date=yesterday", "date")]
    [InlineData("?date=2026-13-45", "date")]
    [InlineData("?week=2026-W60", "week")]
    [InlineData("?month=2026-00", "month")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?p=-1", "p")]
    [InlineData("?sort=best", "sort")]
    public async Task BadQuery_Is400ProblemDetails_NamingTheParameter_AndChangesNothing(string query, string parameter)
    {
        await using var app = await TestApp.StartAsync();
        var before = await app.QueryAsync(db => db.FeedEntries.CountAsync());

        using var response = await app.Client.GetAsync("/api/daily_papers" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _));
        Assert.Equal(before, await app.QueryAsync(db => db.FeedEntries.CountAsync()));
    }

    private static async Task<JsonDocument> GetJsonAsync(TestApp app, string url)
    {
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string ParseNext(string link)
    {
        Assert.EndsWith("; rel=\"next\"", link);
        var uri = new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)]);
        return uri.PathAndQuery;
    }
}
