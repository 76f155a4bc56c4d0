using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Submissions;

/// <summary><c>POST /api/papers/submit</c>: papers into today's feed, from the catalog or arXiv, under the daily rules.</summary>
public class SubmitPaperApiTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_submit_a_catalog_paper_with_a_first_comment_without_asking_arxiv(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001", title: "Sparse Mixtures for Everyone"));
        var ada = await app.CreateUserAsync("ada");
        var before = await app.SnapshotAsync();

        using var response = await app.SubmitAsync(ada, "https://arxiv.org/abs/2605.00001v2", comment: "Worth a read <script>alert(1)</script>");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/papers/2605.00001", response.Headers.Location?.OriginalString);
        var item = await response.JsonAsync();
        Assert.Equal("2605.00001", item.GetProperty("paper").GetProperty("id").GetString());
        Assert.Equal("Sparse Mixtures for Everyone", item.GetProperty("title").GetString());
        Assert.Equal("ada", item.GetProperty("submittedBy").GetProperty("name").GetString());
        Assert.Equal("2026-05-29", item.GetProperty("feedDate").GetString());
        Assert.Equal(item.GetProperty("paper").GetProperty("submittedOnDailyAt").GetString(), item.GetProperty("publishedAt").GetString());
        Assert.Equal(1, item.GetProperty("numComments").GetInt32());
        Assert.Empty(arxiv.Requests);

        var (entry, comment, sequence) = await app.QueryAsync(async db => (
            await db.FeedEntries.SingleAsync(),
            await db.Comments.SingleAsync(),
            await db.Papers.Where(p => p.Id == "2605.00001").Select(p => p.ChangeSequence).SingleAsync()));
        Assert.Equal((SubmissionTestKit.Today, "ada", TestApp.Now), (entry.FeedDate, entry.SubmittedBy, entry.SubmittedAt));
        Assert.Equal(("ada", ada.Id, "Worth a read <script>alert(1)</script>"), (comment.UserName, comment.UserId, comment.Markdown));
        Assert.Equal("<p>Worth a read &lt;script&gt;alert(1)&lt;/script&gt;</p>", comment.Html);
        Assert.True(sequence > before.Sequence, "the submission moves the paper's change sequence");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_submitted_paper_shows_on_todays_day_page_and_in_the_daily_papers_api(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00002", title: "Attention Budgets"));
        var ada = await app.CreateUserAsync("ada");
        var cancel = TestContext.Current.CancellationToken;

        // Read first, so cached copies exist that the submission must evict.
        using (await app.Client.GetAsync("/papers/date/2026-05-29", cancel))
        using (await app.Client.GetAsync("/api/daily_papers?date=2026-05-29", cancel))
        {
        }

        using var submitted = await app.SubmitAsync(ada, "2605.00002");
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);

        var day = await app.Client.GetStringAsync("/papers/date/2026-05-29", cancel);
        Assert.Contains("Attention Budgets", day, StringComparison.Ordinal);
        using var api = await app.Client.GetAsync("/api/daily_papers?date=2026-05-29", cancel);
        var item = Assert.Single((await api.JsonAsync()).EnumerateArray());
        Assert.Equal("2605.00002", item.GetProperty("paper").GetProperty("id").GetString());
        Assert.Equal("ada", item.GetProperty("submittedBy").GetProperty("name").GetString());
        Assert.Equal("ada", item.GetProperty("paper").GetProperty("submittedOnDailyBy").GetProperty("name").GetString());
        var page = await app.Client.GetStringAsync("/papers/2605.00002", cancel);
        Assert.Contains("submitted by <a href=\"/u/ada\">ada</a>", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_submit_a_paper_the_catalog_lacks_which_is_fetched_from_arxiv(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        // The recorded answer, moved to four days before the test's today so that the age rule lets it in.
        var recorded = System.Text.Encoding.UTF8.GetString(FixtureServer.ReadFixture("api/one.xml"))
            .Replace("2025-01-01T09:30:00Z", "2026-05-25T09:30:00Z", StringComparison.Ordinal)
            .Replace("2025-01-06T17:45:12Z", "2026-05-27T17:45:12Z", StringComparison.Ordinal);
        arxiv.On("/api/query", "id_list", "2501.00001", FixtureResponse.Atom("api/one.xml") with { Body = System.Text.Encoding.UTF8.GetBytes(recorded) });
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        var ada = await app.CreateUserAsync("ada");

        using var response = await app.SubmitAsync(ada, "arXiv:2501.00001");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.JsonAsync();
        Assert.StartsWith("Tiny Retrievers: Sparse Late Interaction", item.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-05-29", item.GetProperty("feedDate").GetString());
        Assert.Equal(item.GetProperty("paper").GetProperty("submittedOnDailyAt").GetString(), item.GetProperty("publishedAt").GetString());
        Assert.Equal("2026-05-25T09:30:00.000Z", item.GetProperty("paper").GetProperty("publishedAt").GetString());
        Assert.Equal(3, item.GetProperty("paper").GetProperty("authors").GetArrayLength());
        Assert.Single(arxiv.Requests);
        var stored = await app.QueryAsync(db => db.Papers.Include(p => p.FeedEntry).SingleAsync(p => p.Id == "2501.00001"));
        Assert.Equal(["cs.CL", "cs.LG"], stored.Categories);
        Assert.Equal((SubmissionTestKit.Today, "ada"), (stored.FeedEntry!.FeedDate, stored.FeedEntry.SubmittedBy));
    }

    [Fact]
    public async Task Every_accepted_form_of_an_id_or_address_names_the_same_paper()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2504.05299"), SubmissionTestKit.RecentPaper("hep-th/9901001"));
        var ada = await app.CreateUserAsync("ada");

        using (var first = await app.SubmitAsync(ada, "2504.05299"))
        using (var old = await app.SubmitAsync(ada, "https://arxiv.org/abs/hep-th/9901001v1"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            Assert.Equal("hep-th/9901001", (await old.JsonAsync()).GetProperty("paper").GetProperty("id").GetString());
        }

        string[] sameNewStyle = ["https://arxiv.org/abs/2504.05299v2", "https://arxiv.org/pdf/2504.05299", "https://arxiv.org/pdf/2504.05299v1.pdf", "arXiv:2504.05299", " 2504.05299v3 ", "arxiv.org/abs/2504.05299"];
        foreach (var form in sameNewStyle)
        {
            using var again = await app.SubmitAsync(ada, form);
            Assert.Equal("2504.05299 is already in the daily feed on 2026-05-29.", await again.ProblemAsync(HttpStatusCode.Conflict));
        }

        using var oldAgain = await app.SubmitAsync(ada, "arXiv:hep-th/9901001");
        Assert.Equal("hep-th/9901001 is already in the daily feed on 2026-05-29.", await oldAgain.ProblemAsync(HttpStatusCode.Conflict));
        Assert.Empty(arxiv.Requests);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Ten_submissions_at_once_still_put_only_five_papers_in_the_feed(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync([.. Enumerable.Range(1, 10).Select(n => SubmissionTestKit.RecentPaper($"2605.{n:D5}"))]);
        var ada = await app.CreateUserAsync("ada");

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(n => app.SubmitAsync(ada, $"2605.{n:D5}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, await app.QueryAsync(db => db.FeedEntries.CountAsync(f => f.SubmittedBy == "ada")));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_sixth_submission_of_a_day_is_refused_with_429_but_curators_have_no_limit(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync([.. Enumerable.Range(1, 13).Select(n => SubmissionTestKit.RecentPaper($"2605.{n:D5}"))]);
        var ada = await app.CreateUserAsync("ada");
        var carol = await app.CreateUserAsync("carol", Roles.Curator);

        for (var n = 1; n <= 5; n++)
        {
            using var accepted = await app.SubmitAsync(ada, $"2605.{n:D5}");
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        var before = await app.SnapshotAsync();
        using var sixth = await app.SubmitAsync(ada, "2605.00006", comment: "one more");
        var detail = await sixth.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("You have submitted 5 papers today, the daily limit; submit more after 00:00 UTC. Curators have no daily limit.", detail);
        Assert.Equal(TimeSpan.FromHours(12), sixth.Headers.RetryAfter?.Delta);
        Assert.Equal(before, await app.SnapshotAsync());

        for (var n = 6; n <= 12; n++)
        {
            using var accepted = await app.SubmitAsync(carol, $"2605.{n:D5}");
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        // A new UTC day starts a new count.
        app.Clock.Advance(TimeSpan.FromHours(12));
        using var tomorrow = await app.SubmitAsync(ada, "2605.00013");
        Assert.Equal(HttpStatusCode.Created, tomorrow.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_paper_older_than_14_days_is_refused_unless_a_curator_or_admin_submits_it(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001", daysAgo: 14), SubmissionTestKit.RecentPaper("2605.00002", daysAgo: 15), SubmissionTestKit.RecentPaper("2605.00003", daysAgo: 400));
        var ada = await app.CreateUserAsync("ada");
        var carol = await app.CreateUserAsync("carol", Roles.Curator);
        var root = await app.CreateUserAsync("root", Roles.Admin);

        using (var fourteen = await app.SubmitAsync(ada, "2605.00001"))
        {
            Assert.Equal(HttpStatusCode.Created, fourteen.StatusCode);
        }

        var before = await app.SnapshotAsync();
        using var fifteen = await app.SubmitAsync(ada, "2605.00002");
        Assert.Equal(
            "2605.00002 was published on 2026-05-14; only papers from the last 14 days can be submitted (curators can submit older ones).",
            await fifteen.ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await app.SnapshotAsync());

        using var curated = await app.SubmitAsync(carol, "2605.00002");
        using var byAdmin = await app.SubmitAsync(root, "2605.00003");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (curated.StatusCode, byAdmin.StatusCode));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Submitting_a_paper_already_in_the_feed_is_a_409_that_changes_nothing(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001"), PaperFactory.InFeed("2605.00009", SubmissionTestKit.Today.AddDays(-3)));
        var ada = await app.CreateUserAsync("ada");
        var bob = await app.CreateUserAsync("bob");
        await app.CreateOrganizationAsync("bob-lab", bob);
        using (var first = await app.SubmitAsync(ada, "2605.00001"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var before = await app.SnapshotAsync();
        using var twice = await app.SubmitAsync(bob, "2605.00001v2", comment: "me too", organization: "bob-lab");
        using var imported = await app.SubmitAsync(bob, "2605.00009");

        Assert.Equal("2605.00001 is already in the daily feed on 2026-05-29.", await twice.ProblemAsync(HttpStatusCode.Conflict));
        Assert.Equal("2605.00009 is already in the daily feed on 2026-05-26.", await imported.ProblemAsync(HttpStatusCode.Conflict));
        Assert.Equal(before, await app.SnapshotAsync());
        var paper = await app.QueryAsync(db => db.Papers.Include(p => p.FeedEntry).SingleAsync(p => p.Id == "2605.00001"));
        Assert.Equal(("ada", null, 0), (paper.FeedEntry!.SubmittedBy, paper.OrganizationName, paper.NumComments));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Users_submitting_the_same_paper_at_once_get_one_entry_and_409s(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001"));
        var users = new List<TestUser>();
        for (var n = 0; n < 8; n++)
        {
            users.Add(await app.CreateUserAsync($"user{n}"));
        }

        var responses = await Task.WhenAll(users.Select(user => app.SubmitAsync(user, "2605.00001", comment: "mine")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(users.Count - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var (entries, comments, numComments) = await app.QueryAsync(async db => (
            await db.FeedEntries.CountAsync(),
            await db.Comments.CountAsync(),
            await db.Papers.Select(p => p.NumComments).SingleAsync()));
        Assert.Equal((1, 1, 1), (entries, comments, numComments));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_withdrawn_paper_is_refused(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        var withdrawn = SubmissionTestKit.RecentPaper("2605.00001");
        withdrawn.Withdrawn = true;
        await app.AddPapersAsync(withdrawn);
        var carol = await app.CreateUserAsync("carol", Roles.Curator);
        var before = await app.SnapshotAsync();

        using var response = await app.SubmitAsync(carol, "2605.00001");

        Assert.Equal("2605.00001 is withdrawn on arXiv; withdrawn papers do not go into the daily feed.", await response.ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task Invalid_ids_and_addresses_are_400s_naming_the_input()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        var ada = await app.CreateUserAsync("ada");
        var before = await app.SnapshotAsync();
        var huge = new string('9', 10_000);

        foreach (var (input, named) in new[]
        {
            ("abc", "“abc”"),
            ("2504.5", "“2504.5”"),
            ("../../etc", "“../../etc”"),
            (huge, "“" + huge[..40] + "…”"),
            ("https://evil.example/abs/2504.05299", "“https://evil.example/abs/2504.05299”"),
            ("pw-0123456789ab", "“pw-0123456789ab”"),
            ("2504.05299\0", "“2504.05299\0”"),
        })
        {
            using var response = await app.SubmitAsync(ada, input);
            var detail = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.StartsWith(named + " is not an arXiv id or arXiv address", detail, StringComparison.Ordinal);
        }

        using (var blank = await app.SubmitAsync(ada, "  "))
        {
            Assert.Contains("Give the paper's arXiv id", await blank.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        using (var longComment = await app.SubmitAsync(ada, "2504.05299", comment: new string('x', 2_001)))
        {
            Assert.Equal("The comment is 2,001 characters long; at most 2,000 are allowed.", await longComment.ProblemAsync(HttpStatusCode.BadRequest));
        }

        Assert.Equal(before, await app.SnapshotAsync());
        Assert.Empty(arxiv.Requests);
    }

    [Fact]
    public async Task A_paper_arxiv_does_not_know_is_a_404()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On("/api/query", "id_list", "2501.99999", FixtureResponse.Atom("api/zero.xml"));
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        var ada = await app.CreateUserAsync("ada");
        var before = await app.SnapshotAsync();

        using var response = await app.SubmitAsync(ada, "2501.99999");

        Assert.Equal("arXiv has no paper 2501.99999.", await response.ProblemAsync(HttpStatusCode.NotFound));
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task When_arxiv_is_down_the_answer_is_503_with_a_retry_hint_and_nothing_is_stored()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On("/api/query", "id_list", "2501.00001", FixtureResponse.Unavailable(TimeSpan.FromSeconds(30)));
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        var ada = await app.CreateUserAsync("ada");
        var before = await app.SnapshotAsync();

        using var unavailable = await app.SubmitAsync(ada, "2501.00001", comment: "first!");

        Assert.Equal(
            "arXiv did not answer when asked for 2501.00001, so nothing was submitted. Try again in a few minutes.",
            await unavailable.ProblemAsync(HttpStatusCode.ServiceUnavailable));
        Assert.Equal(TimeSpan.FromMinutes(2), unavailable.Headers.RetryAfter?.Delta);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task When_arxiv_cannot_be_reached_at_all_the_answer_is_503()
    {
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, SubmissionTestKit.ClosedPort());
        var ada = await app.CreateUserAsync("ada");
        var before = await app.SnapshotAsync();

        using var unreachable = await app.SubmitAsync(ada, "https://arxiv.org/abs/2501.00001");

        Assert.Contains("Try again in a few minutes", await unreachable.ProblemAsync(HttpStatusCode.ServiceUnavailable), StringComparison.Ordinal);
        Assert.NotNull(unreachable.Headers.RetryAfter);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task Anonymous_submissions_are_401_and_cookie_submissions_need_the_antiforgery_header()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001"));
        var ada = await app.CreateUserAsync("ada");
        var before = await app.SnapshotAsync();

        using (var anonymous = await app.SubmitAsync(null, "2605.00001"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var forged = await app.SubmitAsync(ada with { Token = "pw_not-a-real-token" }, "2605.00001"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using var browser = await app.SignInAsync(ada);
        using (var withoutToken = new HttpRequestMessage(HttpMethod.Post, "/api/papers/submit") { Content = System.Net.Http.Json.JsonContent.Create(new { paper = "2605.00001" }) })
        using (var refused = await browser.SendAsync(withoutToken))
        {
            Assert.Contains("X-CSRF-TOKEN", await refused.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        }

        Assert.Equal(before, await app.SnapshotAsync());

        var token = await browser.FormTokenAsync("/submit");
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/papers/submit") { Content = System.Net.Http.Json.JsonContent.Create(new { paper = "2605.00001" }) };
        withToken.Headers.Add("X-CSRF-TOKEN", token);
        using var accepted = await browser.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Members_may_link_their_organization_admins_any_and_others_get_403(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(provider, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001"), SubmissionTestKit.RecentPaper("2605.00002"), SubmissionTestKit.RecentPaper("2605.00003"));
        var ada = await app.CreateUserAsync("ada");
        var bob = await app.CreateUserAsync("bob");
        var root = await app.CreateUserAsync("root", Roles.Admin);
        await app.CreateOrganizationAsync("ada-lab", ada);
        await app.CreateOrganizationAsync("bob-lab", bob);
        var before = await app.SnapshotAsync();

        using (var outsider = await app.SubmitAsync(ada, "2605.00001", organization: "bob-lab"))
        using (var unknown = await app.SubmitAsync(ada, "2605.00001", organization: "no-such-lab"))
        {
            Assert.Equal("You are not a member of “bob-lab”, so you cannot link papers to it.", await outsider.ProblemAsync(HttpStatusCode.Forbidden));
            Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        }

        Assert.Equal(before, await app.SnapshotAsync());

        using var member = await app.SubmitAsync(ada, "2605.00001", organization: "ada-lab");
        using var admin = await app.SubmitAsync(root, "2605.00002", organization: "bob-lab");
        using var adminUnknown = await app.SubmitAsync(root, "2605.00003", organization: "no-such-lab");

        Assert.Equal("ada-lab", (await member.JsonAsync()).GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("BOB-LAB Lab", (await admin.JsonAsync()).GetProperty("organization").GetProperty("fullname").GetString());
        Assert.Equal("No organization is called “no-such-lab”.", await adminUnknown.ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(
            new (string, string?)[] { ("2605.00001", "ada-lab"), ("2605.00002", "bob-lab"), ("2605.00003", null) },
            await app.QueryAsync(db => db.Papers.OrderBy(p => p.Id).Select(p => new { p.Id, p.OrganizationName }).ToListAsync()).ContinueWith(t => t.Result.Select(p => (p.Id, p.OrganizationName)), TaskScheduler.Default));
    }
}
