using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperwire.Core.Community;
using Paperwire.Core.Operations;
using Paperwire.Core.Papers;
using Paperwire.Ingest.GitHub;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Links;

/// <summary>
/// GitHub stars, refreshed from a stand-in for GitHub's REST API: counts stored and served, asked conditionally,
/// the rate limit obeyed, and every kind of failure leaving the old count and the other repositories' new ones.
/// </summary>
public class GitHubStarsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Stars_are_asked_once_per_repository_stored_and_served_by_the_api_and_the_paper_page(DatabaseProvider provider)
    {
        await using var github = (await FixtureServer.StartAsync())
            .On(Repo("acme/tool"), RepoJson("acme/tool", 1234, "\"etag-tool\""))
            .On(Repo("other/thing"), RepoJson("other/thing", 7, "\"etag-thing\""));
        await using var app = await StartAsync(github, provider, ("GitHub:Token", "test-token"));
        await app.AddPapersAsync(
            Linked("2605.00001", "https://github.com/acme/tool"),
            Linked("2605.00002", "https://github.com/ACME/Tool"),
            Linked("2605.00003", "https://github.com/other/thing"));

        var summary = await RunAsync(app);

        Assert.Equal((2, 2, 0), (summary.Asked, summary.Updated, summary.Failed));
        Assert.Equal(2, github.Requests.Count);
        var request = github.Requests[0];
        Assert.StartsWith("Paperwire/", request.UserAgent, StringComparison.Ordinal);
        Assert.Equal("Bearer test-token", request.Headers["Authorization"]);
        Assert.Equal("application/vnd.github+json", request.Headers["Accept"]);
        Assert.False(request.Headers.ContainsKey("If-None-Match"));

        await app.UntilCacheCaughtUpAsync();
        Assert.Equal(1234, await StarsInApiAsync(app, "2605.00001"));
        Assert.Equal(1234, await StarsInApiAsync(app, "2605.00002"));
        Assert.Equal(7, await StarsInApiAsync(app, "2605.00003"));
        var page = await app.Client.GetStringAsync("/papers/2605.00001", Cancel);
        Assert.Contains("1.2k<span class=\"visually-hidden\"> stars</span>", page, StringComparison.Ordinal);

        var run = await LastRunAsync(app);
        Assert.Equal((JobOutcome.Succeeded, "2 asked: 2 updated, 0 unchanged, 0 gone, 0 failed"), (run.Outcome, run.Message));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_next_days_run_asks_with_the_stored_etag_and_a_304_keeps_the_count(DatabaseProvider provider)
    {
        await using var github = (await FixtureServer.StartAsync())
            .On(Repo("acme/tool"), RepoJson("acme/tool", 1234, "W/\"etag-1\""), NotModified());
        await using var app = await StartAsync(github, provider);
        await app.AddPapersAsync(Linked("2605.00001", "https://github.com/acme/tool"));
        await RunAsync(app);

        // Asked again the same day? No: a repository is due once a day.
        Assert.Equal(0, (await RunAsync(app)).Asked);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var summary = await RunAsync(app);

        Assert.Equal((1, 1), (summary.Asked, summary.NotModified));
        Assert.Equal("W/\"etag-1\"", github.Requests[^1].Headers["If-None-Match"]);
        Assert.Equal(1234, await StoredStarsAsync(app, "2605.00001"));
    }

    [Fact]
    public async Task When_github_says_no_requests_remain_the_run_stops_and_goes_on_after_the_reset()
    {
        var reset = TestApp.Now.AddHours(1);
        var resetHeader = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await using var github = (await FixtureServer.StartAsync())
            .On(r => r.Path.StartsWithSegments("/repos"), RepoJson("any/repo", 5, "\"e\"").With(("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", resetHeader)), RepoJson("any/repo", 5, "\"e\""));
        await using var app = await StartAsync(github);
        await app.AddPapersAsync(
            Linked("2605.00001", "https://github.com/acme/one"),
            Linked("2605.00002", "https://github.com/acme/two"),
            Linked("2605.00003", "https://github.com/acme/three"));

        // A node whose schedule is on (the tests' own is off), so that it says when it goes on.
        var node = new ScheduledGitHubStars(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new GitHubOptions { Stars = new GitHubStarsOptions { Enabled = true } }),
            app.Clock,
            new TestOutputLogger<ScheduledGitHubStars>());

        var summary = await node.RunOnceAsync(Cancel);

        Assert.Single(github.Requests);
        Assert.Equal(reset, summary!.ResumeAt);
        Assert.Equal(reset, node.NextRunAfter(app.Clock.GetUtcNow()));
        Assert.Contains("rate limit", (await LastRunAsync(app)).Message, StringComparison.Ordinal);

        // After the reset the run picks up where it stopped: the two not yet asked, not the one already done.
        app.Clock.Advance(TimeSpan.FromHours(1));
        var resumed = await node.RunOnceAsync(Cancel);
        Assert.Equal(2, resumed!.Asked);
        Assert.Equal(3, github.Requests.Select(r => r.Path).Distinct().Count());
        Assert.Equal(ScheduledGitHubStars.NextRun(app.Clock.GetUtcNow(), new TimeOnly(4, 30)), node.NextRunAfter(app.Clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task A_rate_limit_answer_with_retry_after_stops_the_run_and_keeps_every_count(int status)
    {
        await using var github = (await FixtureServer.StartAsync())
            .On(r => r.Path.StartsWithSegments("/repos"), FixtureResponse.Text(status, "application/json", """{"message":"You have exceeded a secondary rate limit."}""") with { RetryAfter = TimeSpan.FromSeconds(120) });
        await using var app = await StartAsync(github);
        await app.AddPapersAsync(Linked("2605.00001", "https://github.com/acme/one", stars: 11), Linked("2605.00002", "https://github.com/acme/two", stars: 22));

        var summary = await RunAsync(app);

        Assert.Single(github.Requests);
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(120), summary.ResumeAt);
        Assert.Equal((11, 22), (await StoredStarsAsync(app, "2605.00001"), await StoredStarsAsync(app, "2605.00002")));
    }

    [Fact]
    public async Task A_server_error_and_a_slow_answer_keep_the_old_counts_the_others_are_updated_and_both_are_asked_again()
    {
        await using var github = (await FixtureServer.StartAsync())
            .On(Repo("acme/broken"), FixtureResponse.Text(500, "text/html", "<html>Unicorn!</html>"))
            .On(Repo("acme/slow"), RepoJson("acme/slow", 999, "\"s\"").Slowly(TimeSpan.FromSeconds(30)))
            .On(Repo("acme/fine"), RepoJson("acme/fine", 99, "\"f\""));
        // The client gives up long before the server answers: a slow GitHub costs a run little.
        await using var app = await StartAsync(github, ("GitHub:Timeout", "00:00:00.300"));
        await app.AddPapersAsync(
            Linked("2605.00001", "https://github.com/acme/broken", stars: 11),
            Linked("2605.00002", "https://github.com/acme/slow", stars: 22),
            Linked("2605.00003", "https://github.com/acme/fine", stars: 33));

        var summary = await RunAsync(app);

        Assert.Equal((3, 1, 2), (summary.Asked, summary.Updated, summary.Failed));
        Assert.Equal((11, 22, 99), (await StoredStarsAsync(app, "2605.00001"), await StoredStarsAsync(app, "2605.00002"), await StoredStarsAsync(app, "2605.00003")));
        Assert.Equal(JobOutcome.Succeeded, (await LastRunAsync(app)).Outcome);

        var again = await RunAsync(app);
        Assert.Equal(2, again.Asked);
        Assert.DoesNotContain(github.Requests.Skip(3), r => r.Path == "/repos/acme/fine");
    }

    [Fact]
    public async Task A_repository_that_is_gone_loses_its_stars_and_is_not_asked_about_every_day()
    {
        await using var github = (await FixtureServer.StartAsync())
            .On(Repo("acme/deleted"), FixtureResponse.Text(404, "application/json", """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/repos/repos#get-a-repository","status":"404"}"""));
        await using var app = await StartAsync(github);
        await app.AddPapersAsync(Linked("2605.00001", "https://github.com/acme/deleted", stars: 50));

        Assert.Equal(1, (await RunAsync(app)).Gone);
        Assert.Null(await StoredStarsAsync(app, "2605.00001"));

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await RunAsync(app)).Asked);
        Assert.Single(github.Requests);
    }

    [Fact]
    public async Task When_github_cannot_be_reached_the_run_gives_up_after_a_few_tries_and_says_so()
    {
        var closed = await FixtureServer.StartAsync();
        var address = closed.BaseAddress;
        await closed.DisposeAsync();
        await using var app = await TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?>
        {
            ["GitHub:BaseUrl"] = address.ToString(),
            ["GitHub:Stars:MinimumInterval"] = "00:00:00",
        });
        await app.AddPapersAsync([.. Enumerable.Range(1, 6).Select(i => Linked($"2605.0000{i}", $"https://github.com/acme/repo{i}", stars: i))]);

        var summary = await RunAsync(app);

        Assert.Equal(3, summary.Asked);
        Assert.NotNull(summary.Unreachable);
        var run = await LastRunAsync(app);
        Assert.Equal(JobOutcome.Failed, run.Outcome);
        Assert.Contains("GitHub could not be reached", run.Message, StringComparison.Ordinal);
        Assert.Equal(1, await StoredStarsAsync(app, "2605.00001"));
    }

    [Fact]
    public async Task When_github_keeps_failing_the_run_stops_instead_of_asking_about_every_repository()
    {
        await using var github = (await FixtureServer.StartAsync())
            .On(r => r.Path.StartsWithSegments("/repos"), FixtureResponse.Text(503, "text/html", "<html>No server is currently available</html>"));
        await using var app = await StartAsync(github);
        await app.AddPapersAsync([.. Enumerable.Range(1, 6).Select(i => Linked($"2605.0000{i}", $"https://github.com/acme/repo{i}", stars: i))]);

        var summary = await RunAsync(app);

        Assert.Equal((3, 3), (summary.Asked, github.Requests.Count));
        var run = await LastRunAsync(app);
        Assert.Equal(JobOutcome.Failed, run.Outcome);
        Assert.Contains("kept failing: HTTP 503", run.Message, StringComparison.Ordinal);
        Assert.Equal(6, await StoredStarsAsync(app, "2605.00006"));
    }

    [Fact]
    public async Task The_refresh_is_listed_with_the_scheduled_jobs_and_its_last_run_and_switched_off_by_its_setting()
    {
        await using var github = (await FixtureServer.StartAsync()).On(Repo("acme/tool"), RepoJson("acme/tool", 3, "\"t\""));
        await using var app = await StartAsync(github);
        await app.AddPapersAsync(Linked("2605.00001", "https://github.com/acme/tool"));
        await RunAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await Paperwire.Accounts.AccountServices.EnsureRolesAsync(scope.ServiceProvider);
        }

        var admin = await TestUser.CreateAsync(app, "root", Roles.Admin);
        using var browser = await admin.SignInAsync();

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/status"));

        Assert.Contains("<th scope=\"row\">github-stars</th>", html, StringComparison.Ordinal);
        Assert.Contains("1 asked: 1 updated", html, StringComparison.Ordinal);
        Assert.Contains("off (GitHub:Stars:Enabled=false)", html, StringComparison.Ordinal);
        var job = Assert.Single(app.Services.GetServices<IScheduledJob>(), j => j.Name == ScheduledGitHubStars.LeaseName);
        Assert.Null(job.NextRunAfter(TestApp.Now));
    }

    [Theory]
    [InlineData("2026-05-29T04:00:00Z", "2026-05-29T04:30:00Z")]
    [InlineData("2026-05-29T04:30:00Z", "2026-05-30T04:30:00Z")]
    public void NextRun_IsTheNextDailySlotStrictlyAfterNow(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), ScheduledGitHubStars.NextRun(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture), new TimeOnly(4, 30)));

    private static Func<Microsoft.AspNetCore.Http.HttpRequest, bool> Repo(string key) => r => r.Path == "/repos/" + key;

    private static FixtureResponse RepoJson(string fullName, int stars, string etag)
    {
        var (owner, name) = (fullName.Split('/')[0], fullName.Split('/')[1]);
        // The shape of GET /repos/{owner}/{repo}, cut to a few of its fields.
        var json = $$"""
            {"id":123456789,"node_id":"R_kgDOabc","name":"{{name}}","full_name":"{{fullName}}","private":false,
             "owner":{"login":"{{owner}}","id":1,"type":"Organization"},"html_url":"https://github.com/{{fullName}}",
             "description":"Code for the paper","fork":false,"created_at":"2025-01-02T03:04:05Z","pushed_at":"2026-05-01T00:00:00Z",
             "stargazers_count":{{stars}},"watchers_count":{{stars}},"forks_count":12,"open_issues_count":3,"license":{"key":"mit"},
             "default_branch":"main","topics":["llm"],"visibility":"public","subscribers_count":9}
            """;
        return FixtureResponse.Text(200, "application/json; charset=utf-8", json).With(
            ("ETag", etag), ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "42"),
            ("X-RateLimit-Reset", TestApp.Now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
    }

    private static FixtureResponse NotModified() =>
        FixtureResponse.Text(304, "application/json", "").With(("X-RateLimit-Remaining", "42"));

    private static Paper Linked(string id, string repo, int? stars = null)
    {
        var paper = PaperFactory.InFeed(id, DateOnly.FromDateTime(TestApp.Now.UtcDateTime), title: "Paper " + id);
        paper.FeedEntry!.SubmittedAt = TestApp.Now;
        paper.GithubRepo = repo;
        paper.GithubStars = stars;
        return paper;
    }

    private static Task<TestApp> StartAsync(FixtureServer github, params (string Key, string Value)[] settings) =>
        StartAsync(github, DatabaseProvider.Sqlite, settings);

    private static Task<TestApp> StartAsync(FixtureServer github, DatabaseProvider provider, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["GitHub:BaseUrl"] = github.BaseAddress.ToString(),
            ["GitHub:Stars:MinimumInterval"] = "00:00:00",
            ["GitHub:Timeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return TestApp.StartAsync(provider, demo: false, settings: values);
    }

    private static async Task<StarsRunSummary> RunAsync(TestApp app) =>
        await app.Services.GetRequiredService<ScheduledGitHubStars>().RunOnceAsync(Cancel) ?? throw new InvalidOperationException("The lease was not taken.");

    private static async Task<int?> StoredStarsAsync(TestApp app, string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaperwireDbContext>().Papers.Where(p => p.Id == id).Select(p => p.GithubStars).SingleAsync(Cancel);
    }

    private static async Task<ScheduledJobRun> LastRunAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var runs = await scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>().AllAsync(Cancel);
        return Assert.Single(runs, r => r.Job == ScheduledGitHubStars.LeaseName);
    }

    private static async Task<int?> StarsInApiAsync(TestApp app, string id)
    {
        var paper = await app.Client.GetFromJsonAsync<JsonElement>("/api/papers/" + id, Cancel);
        return paper.GetProperty("githubStars").ValueKind == JsonValueKind.Null ? null : paper.GetProperty("githubStars").GetInt32();
    }
}
