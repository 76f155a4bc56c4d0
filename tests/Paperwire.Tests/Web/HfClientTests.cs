using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;

namespace Paperwire.Tests.Web;

/// <summary>
/// The API as huggingface_hub reads it: <c>Web/HfClient/hf_client.py</c>, our own reader, holds a specification of the
/// fields, types, timestamps and error messages the client reads (checked against huggingface_hub 1.29) and asks a real
/// server over HTTP as <c>list_daily_papers</c>, <c>paper_info</c> and <c>list_papers</c> do. Every field a client user
/// gets is checked, not only that the JSON has a key.
/// </summary>
public class HfClientTests
{
    private const string Python = "/usr/bin/python3";
    private static readonly DateOnly Day = new(2025, 4, 8);

    [Fact]
    public async Task Client_reads_every_field_of_a_daily_paper()
    {
        await using var app = await StartAsync();
        await app.AddPapersAsync(SmolVlm());
        await SetCommentsAsync(app, "2504.05299", 3);

        var paper = Assert.Single(await PapersAsync(app, "daily", "date=2025-04-08"));
        var stored = await app.QueryAsync(db => db.FeedEntries.SingleAsync(f => f.PaperId == "2504.05299"));

        Assert.Equal("2504.05299", paper.GetProperty("id").GetString());
        Assert.Equal("SmolVLM", paper.GetProperty("title").GetString());
        Assert.Equal(["Andrés Marafioti", "Orr Zohar"], paper.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("2025-04-07T00:00:00+00:00", paper.GetProperty("published_at").GetString()); // the arXiv date
        // submitted_at comes from the top-level publishedAt: when the paper entered the feed, not a midnight.
        Assert.Equal(Iso(stored.SubmittedAt), paper.GetProperty("submitted_at").GetString());
        Assert.Equal("2025-04-08", paper.GetProperty("feedDate").GetString());
        Assert.Equal(42, paper.GetProperty("upvotes").GetInt32());
        Assert.Equal(3, paper.GetProperty("comments").GetInt32());
        Assert.Equal("https://github.com/huggingface/smollm", paper.GetProperty("github_repo").GetString());

        var submitter = paper.GetProperty("submitted_by");
        Assert.Equal("ada", submitter.GetProperty("username").GetString());
        Assert.Equal("ada", submitter.GetProperty("fullname").GetString());
        Assert.False(submitter.GetProperty("is_pro").GetBoolean());
        Assert.False(submitter.GetProperty("isHf").GetBoolean());
        Assert.False(submitter.GetProperty("isHfAdmin").GetBoolean());
        Assert.False(submitter.GetProperty("isMod").GetBoolean());
        Assert.Equal(0, submitter.GetProperty("followerCount").GetInt32());
        Assert.Equal("user", submitter.GetProperty("user_type").GetString());

        var organization = paper.GetProperty("organization");
        Assert.Equal("huggingface", organization.GetProperty("name").GetString());
        Assert.Equal("Hugging Face", organization.GetProperty("fullname").GetString());
        Assert.Equal("https://example.org/hf.png", organization.GetProperty("avatar_url").GetString());
    }

    [Fact]
    public async Task Client_reads_paper_info_with_comments_and_empty_linked_repositories()
    {
        await using var app = await StartAsync();
        var smolVlm = SmolVlm();
        await app.AddPapersAsync(smolVlm, PaperFactory.InCatalog("hep-th/9901001", new DateOnly(1999, 1, 4), title: "Old style"));
        await SetCommentsAsync(app, "2504.05299", 5);
        var orr = await Community.Votes.CommunityClient.CreateUserAsync(app, "orr");
        await app.QueryAsync(db =>
        {
            db.AuthorshipClaims.Add(new AuthorshipClaim
            {
                PaperId = "2504.05299",
                AuthorIndex = 1,
                UserId = orr,
                UserName = "orr",
                Status = ClaimStatus.Verified,
                CreatedAt = TestApp.Now.AddDays(-2),
                DecidedAt = TestApp.Now.AddDays(-1),
                DecidedBy = "admin",
            });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var paper = Assert.Single(await PapersAsync(app, "info", "2504.05299"));
        var authors = paper.GetProperty("authors").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, authors[0].GetProperty("user").ValueKind);
        Assert.Equal(JsonValueKind.Null, authors[0].GetProperty("status").ValueKind);
        Assert.Equal("orr", authors[1].GetProperty("user").GetProperty("username").GetString());
        Assert.Equal("claimed_verified", authors[1].GetProperty("status").GetString());
        Assert.Equal("2026-05-28T12:00:00+00:00", authors[1].GetProperty("status_last_changed_at").GetString());
        Assert.Equal("SmolVLM", paper.GetProperty("title").GetString());
        Assert.Equal(5, paper.GetProperty("comments").GetInt32());
        Assert.Equal("2025-04-07T00:00:00+00:00", paper.GetProperty("published_at").GetString());
        Assert.Equal(Iso(smolVlm.FeedEntry!.SubmittedAt), paper.GetProperty("submitted_at").GetString());
        Assert.Equal("ada", paper.GetProperty("submitted_by").GetProperty("username").GetString());
        foreach (var list in new[] { "linked_models", "linked_datasets", "linked_spaces", "mediaUrls" })
        {
            Assert.Equal(JsonValueKind.Array, paper.GetProperty(list).ValueKind); // len() works: a list, not None
            Assert.Empty(paper.GetProperty(list).EnumerateArray());
        }

        Assert.Equal(0, paper.GetProperty("num_total_models").GetInt32());
        Assert.Equal(0, paper.GetProperty("num_total_datasets").GetInt32());

        var old = Assert.Single(await PapersAsync(app, "info", "hep-th/9901001"));
        Assert.Equal("Old style", old.GetProperty("title").GetString());
        Assert.Equal(0, old.GetProperty("comments").GetInt32());
        Assert.Equal(JsonValueKind.Null, old.GetProperty("submitted_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, old.GetProperty("submitted_by").ValueKind);
    }

    [Fact]
    public async Task Client_reads_search_results_like_daily_papers()
    {
        await using var app = await StartAsync();
        var smolVlm = SmolVlm();
        await app.AddPapersAsync(smolVlm, PaperFactory.InCatalog("2504.00002", new DateOnly(2025, 4, 2), title: "SmolVLM in the catalog only"));
        await app.UntilIndexedAsync();

        var papers = (await PapersAsync(app, "search", "q=smolvlm&limit=10")).ToDictionary(p => p.GetProperty("id").GetString()!);

        Assert.Equal(2, papers.Count);
        Assert.Equal("ada", papers["2504.05299"].GetProperty("submitted_by").GetProperty("username").GetString());
        Assert.Equal(Iso(smolVlm.FeedEntry!.SubmittedAt), papers["2504.05299"].GetProperty("submitted_at").GetString());
        Assert.Equal("2025-04-02T00:00:00+00:00", papers["2504.00002"].GetProperty("submitted_at").GetString()); // not in the feed: its paper date
        Assert.Equal(JsonValueKind.Null, papers["2504.00002"].GetProperty("feedDate").ValueKind);
    }

    [Theory]
    [InlineData("daily", "date=yesterday", 400, "'yesterday' is not a date")]
    [InlineData("daily", "limit=1000", 400, "limit must be a whole number from 1 to 100")]
    [InlineData("daily", "date=2025-04-08&week=2025-W15", 400, "at most one of date, week and month")]
    [InlineData("search", "q=", 400, "Type something to search for")]
    [InlineData("info", "2504.99999", 404, "No paper with id '2504.99999'")]
    [InlineData("info", "not-an-id", 400, "'not-an-id' is not an arXiv id")]
    [InlineData("get", "/api/no/such/thing", 404, "Not found")]
    public async Task Client_shows_the_servers_reason_for_an_error(string op, string arg, int status, string reason)
    {
        await using var app = await StartAsync();

        var error = (await RunClientAsync(app, op, arg)).GetProperty("error");

        Assert.Equal(status, error.GetProperty("status").GetInt32());
        var serverMessage = error.GetProperty("server_message").GetString()!;
        Assert.Contains(reason, serverMessage, StringComparison.Ordinal);
        // Header and body say the same thing, so the client shows it once.
        Assert.DoesNotContain("\n", serverMessage, StringComparison.Ordinal);
        Assert.Contains(serverMessage, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_gets_a_thumbnail_as_an_absolute_address_and_null_before_there_is_one()
    {
        await using var app = await StartAsync();
        await app.AddPapersAsync(SmolVlm(), PaperFactory.InFeed("2504.05300", Day, title: "No picture yet"));
        await app.QueryAsync(db =>
        {
            db.PaperThumbnails.Add(new PaperThumbnail { PaperId = "2504.05299", Outcome = ThumbnailOutcome.Stored, Width = 400, Height = 518, AttemptedAt = TestApp.Now });
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var papers = (await PapersAsync(app, "daily", "date=2025-04-08")).ToDictionary(p => p.GetProperty("id").GetString()!);

        Assert.Equal(new Uri(app.BaseAddress, "/thumbnails/2504.05299.png").AbsoluteUri, papers["2504.05299"].GetProperty("thumbnail").GetString());
        Assert.Equal(JsonValueKind.Null, papers["2504.05300"].GetProperty("thumbnail").ValueKind);
    }

    private static Paper SmolVlm()
    {
        var paper = PaperFactory.InFeed("2504.05299", Day, upvotes: 42, title: "SmolVLM", submittedBy: "ada",
            organization: new Organization { Name = "huggingface", FullName = "Hugging Face", AvatarUrl = "https://example.org/hf.png" },
            publishedOn: new DateOnly(2025, 4, 7), authors: ["Andrés Marafioti", "Orr Zohar"]);
        paper.GithubRepo = "https://github.com/huggingface/smollm";
        return paper;
    }

    /// <summary>A moment as Python's <c>datetime.isoformat()</c> writes the client's parsed UTC timestamps.</summary>
    private static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<TestApp> StartAsync()
    {
        RequiredComponent.Require(File.Exists(Python), "Python 3", "install Debian's python3 (./test.sh does)");
        return await TestApp.StartOnLoopbackAsync(demo: false);
    }

    private static Task<int> SetCommentsAsync(TestApp app, string id, int count) =>
        app.QueryAsync(db => db.Papers.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.NumComments, count), TestContext.Current.CancellationToken));

    private static async Task<List<JsonElement>> PapersAsync(TestApp app, string op, string arg)
    {
        var result = await RunClientAsync(app, op, arg);
        Assert.False(result.TryGetProperty("error", out var error), $"the client raised: {error}");
        return [.. result.GetProperty("papers").EnumerateArray()];
    }

    /// <summary>The client's reading of one request: <c>{"papers": [PaperInfo as a dict]}</c> or <c>{"error": {status, message, server_message}}</c>.</summary>
    internal static async Task<JsonElement> RunClientAsync(TestApp app, string op, string arg)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Web", "HfClient", "hf_client.py");
        using var process = Process.Start(new ProcessStartInfo(Python, [script, app.BaseAddress.AbsoluteUri.TrimEnd('/'), op, arg])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"the client crashed reading the answer:\n{errors}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }
}
