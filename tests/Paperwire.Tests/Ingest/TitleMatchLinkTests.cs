using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paperwire.Core.Papers;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Scheduling;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Tests.Community.Submissions;

namespace Paperwire.Tests.Ingest;

/// <summary>
/// A paper known only by title (as the demo corpus' are) found on a fixture arXiv: it becomes its arXiv twin with
/// real authors and links, its votes, comments and feed day come along, and its old address redirects.
/// </summary>
public class TitleMatchLinkTests
{
    private const string Title = "Tiny Retrievers: Sparse Late Interaction for On-Device Question Answering";
    private const string TitleQuery = "ti:\"tiny retrievers sparse late interaction for on device question answering\"";
    private const string ArxivId = "2501.00001";
    private static readonly string LocalId = PaperId.LocalFromTitle(Title);
    private static readonly DateOnly FeedDay = new(2025, 1, 2);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_find_a_demo_paper_on_arxiv_and_keep_its_votes_comments_and_old_links(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On(r => r.Path == "/api/query" && r.Query["search_query"] == TitleQuery, FixtureResponse.Atom("api/one.xml"));
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        // The arXiv paper is in the catalog already (as if from the arXiv sample), with a vote of its own.
        await app.AddPapersAsync(LocalPaper(upvotes: 5), new Paper { Id = ArxivId, Title = Title, Summary = "From the sample.", PublishedAt = FeedDay.AddDays(-1).ToDateTime(TimeOnly.MinValue) });
        var ada = await app.CreateUserAsync("ada");
        var bob = await app.CreateUserAsync("bob");
        await UpvoteAsync(app, ada, LocalId);
        await UpvoteAsync(app, bob, LocalId);
        await UpvoteAsync(app, ada, ArxivId); // ada voted on both: one vote survives
        await CommentAsync(app, bob, LocalId, "Runs on my phone.");
        using (var before = await app.Client.GetAsync($"/papers/{LocalId}", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // cached, so the link must evict it
        }

        var summary = await RunMatcherAsync(app);
        await app.UntilCacheCaughtUpAsync();

        Assert.Equal(new TitleMatchSummary(Asked: 1, Linked: 1, Unreachable: false), summary);
        using var page = await app.Client.GetAsync($"/papers/{LocalId}", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal($"/papers/{ArxivId}", page.Headers.Location?.OriginalString);
        using var markdown = await app.Client.GetAsync($"/papers/{LocalId}.md", Cancel);
        Assert.Equal($"/papers/{ArxivId}.md", markdown.Headers.Location?.OriginalString);
        using var api = await app.Client.GetAsync($"/api/papers/{LocalId}", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, api.StatusCode);
        Assert.Equal($"/api/papers/{ArxivId}", api.Headers.Location?.OriginalString);

        var html = await app.Client.GetStringAsync($"/papers/{ArxivId}", Cancel);
        Assert.Contains("Adaeze N. Okafor", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://arxiv.org/abs/{ArxivId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://arxiv.org/pdf/{ArxivId}\"", html, StringComparison.Ordinal);
        Assert.Contains("Runs on my phone.", html, StringComparison.Ordinal);

        // 5 from the Daily Papers page + ada + bob on the local paper, ada's second vote not counted twice.
        var paper = await (await app.Client.GetAsync($"/api/papers/{ArxivId}", Cancel)).JsonAsync();
        Assert.Equal(7, paper.GetProperty("upvotes").GetInt32());
        Assert.Equal(1, paper.GetProperty("numComments").GetInt32());
        Assert.Equal(["Adaeze N. Okafor", "Per Lindqvist Jr", "Tiny Retrievers Collaboration"], paper.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        var day = await (await app.Client.GetAsync("/api/daily_papers?date=2025-01-02", Cancel)).JsonAsync();
        Assert.Equal([ArxivId], day.EnumerateArray().Select(i => i.GetProperty("paper").GetProperty("id").GetString()));
        Assert.Equal("tiny-lab", day[0].GetProperty("organization").GetProperty("name").GetString());

        var (votes, ids) = await app.QueryAsync(async db => (
            await db.Votes.OrderBy(v => v.UserId).Select(v => v.PaperId + ":" + v.UserId).ToListAsync(Cancel),
            await db.Papers.Select(p => p.Id).ToListAsync(Cancel)));
        Assert.Equal(new[] { $"{ArxivId}:{ada.Id}", $"{ArxivId}:{bob.Id}" }.Order(StringComparer.Ordinal), votes.Order(StringComparer.Ordinal));
        Assert.Equal([ArxivId], ids);

        // The search index follows: the old id leaves it, the arXiv one is found.
        await app.UntilIndexedAsync();
        Assert.Equal(1, app.Services.GetRequiredService<SearchIndexes>().Current.Keyword.Count);
        var found = await (await app.Client.GetAsync("/api/papers/search?q=tiny%20retrievers", Cancel)).JsonAsync();
        Assert.Equal([ArxivId], found.EnumerateArray().Select(i => i.GetProperty("paper").GetProperty("id").GetString()));

        // A second run finds nothing left to ask for.
        Assert.Equal(new TitleMatchSummary(0, 0, false), await RunMatcherAsync(app));
    }

    [Theory]
    [InlineData("api/zero.xml")] // arXiv has no such title
    [InlineData("api/title-twins.xml")] // two different papers with this title
    public async Task A_title_arxiv_does_not_answer_with_exactly_once_changes_nothing(string answer)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On(r => r.Path == "/api/query" && r.Query["search_query"] == TitleQuery, FixtureResponse.Atom(answer));
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        await app.AddPapersAsync(LocalPaper(upvotes: 5));

        var summary = await RunMatcherAsync(app);

        Assert.Equal(new TitleMatchSummary(1, 0, false), summary);
        await AssertUnchangedAsync(app);
    }

    [Fact]
    public async Task A_near_title_is_not_taken_for_the_paper()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On(r => r.Path == "/api/query", FixtureResponse.Atom("api/one.xml"));
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        var near = LocalPaper(upvotes: 0);
        near.Title = "Tiny Retrievers: Sparse Late Interaction for On-Device Question Answering at Scale";
        near.Id = PaperId.LocalFromTitle(near.Title);
        near.FeedEntry!.PaperId = near.Id;
        await app.AddPapersAsync(near);

        Assert.Equal(new TitleMatchSummary(1, 0, false), await RunMatcherAsync(app));
        Assert.Equal([near.Id], await app.QueryAsync(db => db.Papers.Select(p => p.Id).ToListAsync(Cancel)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Unreachable_arxiv_changes_nothing_and_the_site_keeps_serving(DatabaseProvider provider)
    {
        // The serving node's own run after start-up, against an address nothing listens on.
        await using var app = await TestApp.StartAsync(provider, demo: true, settings: new Dictionary<string, string?>
        {
            ["Ingest:TitleMatch:Enabled"] = "true",
            ["Ingest:Arxiv:ApiBaseUrl"] = SubmissionTestKit.ClosedPort().ToString(),
            ["Ingest:Arxiv:MinimumInterval"] = "00:00:00",
            ["Ingest:Arxiv:MaxRetries"] = "0",
        });
        var startup = app.Services.GetServices<IHostedService>().OfType<StartupTitleMatch>().Single();

        await startup.ExecuteTask!.WaitAsync(Cancel);

        Assert.True(startup.ExecuteTask.IsCompletedSuccessfully);
        Assert.Equal(67, await app.QueryAsync(db => db.Papers.CountAsync(p => p.Id.StartsWith(PaperId.LocalPrefix), Cancel)));
        Assert.Empty(await app.QueryAsync(db => db.PaperAliases.ToListAsync(Cancel)));
        using var home = await app.Client.GetAsync("/", Cancel);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Arxiv_answering_503_stops_the_run_after_one_request_and_changes_nothing()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On(_ => true, FixtureResponse.Text(503, "text/plain", "down"));
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        var other = LocalPaper(upvotes: 0);
        other.Title = "Another Paper Known Only by Title";
        other.Id = PaperId.LocalFromTitle(other.Title);
        other.FeedEntry = null;
        await app.AddPapersAsync(LocalPaper(upvotes: 5), other);

        Assert.Equal(new TitleMatchSummary(0, 0, Unreachable: true), await RunMatcherAsync(app));
        Assert.Single(arxiv.Requests); // logged once and stopped: the second paper waits for the next run
        await AssertUnchangedAsync(app, other.Id);
    }

    [Fact]
    public async Task A_hostile_title_makes_a_well_formed_query()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On(_ => true, FixtureResponse.Atom("api/zero.xml"));
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        const string hostile = "\"Quoted\": colons & ampersands, (parens) AND ti:x — naïve %20 +plus #hash";
        await app.AddPapersAsync(new Paper { Id = PaperId.LocalFromTitle(hostile), Title = hostile, Summary = "" });

        await RunMatcherAsync(app);

        var request = Assert.Single(arxiv.Requests);
        Assert.Equal("/api/query", request.Path);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["search_query"] = "ti:\"quoted colons ampersands parens and ti x naive 20 plus hash\"",
                ["start"] = "0",
                ["max_results"] = "10",
            },
            request.Query);
    }

    [Fact]
    public async Task A_retired_local_id_leaves_the_vector_index_too()
    {
        await using var app = await TestApp.StartAsync(demo: false, embeddings: true);
        var local = LocalPaper(upvotes: 0);
        await app.AddPapersAsync(local);
        await app.UntilIndexedAsync();
        var indexes = app.Services.GetRequiredService<SearchIndexes>();
        Assert.True(indexes.TryGetPaperVector(local.Id, out _));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var twin = new Paper { Id = ArxivId, Title = Title, Summary = local.Summary, PublishedAt = local.PublishedAt };
            Assert.True(await scope.ServiceProvider.GetRequiredService<PaperAliases>().LinkAsync(local.Id, twin, Cancel));
        }

        await app.UntilIndexedAsync();
        Assert.False(indexes.TryGetPaperVector(local.Id, out _));
        Assert.True(indexes.TryGetPaperVector(ArxivId, out _));
    }

    private static Paper LocalPaper(int upvotes) => new()
    {
        Id = LocalId,
        Title = Title,
        Summary = "Small late-interaction retrievers for phones.",
        AuthorCount = 3,
        PublishedAt = FeedDay.ToDateTime(TimeOnly.MinValue),
        Upvotes = upvotes,
        Organization = new Organization { Name = "tiny-lab", FullName = "Tiny Lab" },
        FeedEntry = new FeedEntry { PaperId = LocalId, FeedDate = FeedDay, SubmittedAt = FeedDay.ToDateTime(new TimeOnly(9, 0)) },
    };

    private static async Task<TitleMatchSummary> RunMatcherAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ArxivTitleMatcher>().RunAsync(Cancel);
    }

    private static async Task AssertUnchangedAsync(TestApp app, params string[] others)
    {
        var ids = await app.QueryAsync(db => db.Papers.Select(p => p.Id).ToListAsync(Cancel));
        Assert.Equal(others.Append(LocalId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Empty(await app.QueryAsync(db => db.PaperAliases.ToListAsync(Cancel)));
        using var page = await app.Client.GetAsync($"/papers/{LocalId}", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static async Task UpvoteAsync(TestApp app, TestUser user, string paperId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/papers/{paperId}/upvote");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        using var response = await app.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task CommentAsync(TestApp app, TestUser user, string paperId, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/papers/{paperId}/comments") { Content = JsonContent.Create(new { text }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        using var response = await app.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
