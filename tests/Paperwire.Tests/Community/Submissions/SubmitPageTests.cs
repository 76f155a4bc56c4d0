using System.Net;
using Paperwire.Core.Community;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Submissions;

/// <summary>The <c>/submit</c> form: explained to signed-out readers, posted by signed-in ones only, the same rules and messages as the API, success opens the paper.</summary>
public class SubmitPageTests
{
    [Fact]
    public async Task Anonymous_visitors_learn_what_submitting_does_and_where_to_sign_in()
    {
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, SubmissionTestKit.ClosedPort());
        using var browser = new CookieBrowser(((Microsoft.AspNetCore.TestHost.TestServer)app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer))!).CreateHandler());

        using var response = await browser.GetAsync("/submit?paper=2605.00001");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Submit a paper</h1>", html, StringComparison.Ordinal);
        Assert.Contains("joins today's daily feed", html, StringComparison.Ordinal);
        Assert.Contains("You need an account to submit", html, StringComparison.Ordinal);
        Assert.Contains("""<a class="button button-primary" href="/account/signin?returnUrl=%2Fsubmit%3Fpaper%3D2605.00001">Sign in to submit</a>""", html, StringComparison.Ordinal);
        Assert.Contains("""<a class="button" href="/account/signup">Create an account</a>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_post_with_a_valid_token_is_sent_to_sign_in_and_changes_nothing()
    {
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, SubmissionTestKit.ClosedPort());
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001"));
        using var browser = new CookieBrowser(((Microsoft.AspNetCore.TestHost.TestServer)app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer))!).CreateHandler());
        var before = await app.SnapshotAsync();
        // The signed-out /submit page has no form: the token comes from another form of the same visitor.
        var token = await browser.FormTokenAsync("/account/signin");
        Assert.NotEmpty(token);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/submit")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Paper"] = "2605.00001", ["__RequestVerificationToken"] = token }),
        };
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?ReturnUrl=%2Fsubmit", response.Headers.Location?.PathAndQuery);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task Can_submit_a_paper_through_the_form_and_land_on_its_page()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001", title: "Forms Without JavaScript"));
        var ada = await app.CreateUserAsync("ada");
        await app.CreateOrganizationAsync("ada-lab", ada);
        await app.CreateOrganizationAsync("other-lab");
        using var browser = await app.SignInAsync(ada);

        using (var form = await browser.GetAsync("/submit?paper=2605.00001"))
        {
            var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("value=\"2605.00001\"", html, StringComparison.Ordinal);
            Assert.Contains("<option value=\"ada-lab\">ADA-LAB Lab</option>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("other-lab", html, StringComparison.Ordinal);
        }

        using var submitted = await browser.PostFormAsync("/submit", new()
        {
            ["Form.Paper"] = "https://arxiv.org/abs/2605.00001v1",
            ["Form.Comment"] = "Nice and short.",
            ["Form.Organization"] = "ada-lab",
        });

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/papers/2605.00001", submitted.Headers.Location?.OriginalString);
        using var paper = await browser.GetAsync("/papers/2605.00001");
        var page = await paper.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("submitted by <a href=\"/u/ada\">ada</a>", page, StringComparison.Ordinal);
        Assert.Contains("ADA-LAB Lab", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_show_in_the_form_with_the_api_messages()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, arxiv.ApiUrl);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", SubmissionTestKit.Today.AddDays(-1)), SubmissionTestKit.RecentPaper("2605.00002", daysAgo: 30));
        var ada = await app.CreateUserAsync("ada");
        await app.CreateOrganizationAsync("bob-lab");
        using var browser = await app.SignInAsync(ada);

        foreach (var (fields, status, message) in new (Dictionary<string, string>, HttpStatusCode, string)[]
        {
            (new() { ["Form.Paper"] = "../../etc" }, HttpStatusCode.BadRequest, "“../../etc” is not an arXiv id or arXiv address"),
            (new() { ["Form.Paper"] = "2605.00001" }, HttpStatusCode.Conflict, "2605.00001 is already in the daily feed on 2026-05-28."),
            (new() { ["Form.Paper"] = "2605.00002" }, HttpStatusCode.BadRequest, "2605.00002 was published on 2026-04-29"),
            (new() { ["Form.Paper"] = "2605.00002", ["Form.Organization"] = "bob-lab" }, HttpStatusCode.Forbidden, "You are not a member of “bob-lab”"),
        })
        {
            using var response = await browser.PostFormAsync("/submit", fields);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await using var app = await SubmissionTestKit.StartAsync(DatabaseProvider.Sqlite, SubmissionTestKit.ClosedPort());
        await app.AddPapersAsync(SubmissionTestKit.RecentPaper("2605.00001"));
        var ada = await app.CreateUserAsync("ada", Roles.Curator);
        using var browser = await app.SignInAsync(ada);
        var before = await app.SnapshotAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/submit") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Paper"] = "2605.00001" }) };
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.SnapshotAsync());
    }
}
