using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Tests.Accounts;
using Paperwire.Tests.Community.Collections;
using Paperwire.Tests.Community.Votes;

namespace Paperwire.Tests.Web;

/// <summary>
/// Signed-in readers get the day, week, month, home, search and paper pages from one shared rendering with their own parts
/// filled in (SignedIn/ReaderTemplates): each must see their own upvotes, dismissed cards, follows, name and
/// antiforgery token, never another reader's, and their own changes at once.
/// </summary>
public partial class SignedInPagesTests
{
    private const string DayPage = "/papers/date/2026-05-28";

    private static readonly DateOnly Day = new(2026, 5, 28);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_readers_of_one_page_each_see_only_their_own_votes_marks_follows_and_name()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var acme = new Organization { Name = "acme", FullName = "ACME Research" };
        await app.AddPapersAsync(
            PaperFactory.InFeed("2605.00031", Day, upvotes: 3, title: "Upvoted by ada"),
            PaperFactory.InFeed("2605.00032", Day, upvotes: 2, title: "Dismissed by ada"),
            PaperFactory.InFeed("2605.00033", Day, upvotes: 1, title: "From acme", organization: acme));
        var adaId = await CommunityClient.CreateUserAsync(app, "ada");
        await CommunityClient.CreateUserAsync(app, "bob");
        var adaToken = await CommunityClient.CreateTokenAsync(app, adaId);
        await ApiAsync(app, adaToken, HttpMethod.Post, "/api/papers/2605.00031/upvote");
        await ApiAsync(app, adaToken, HttpMethod.Post, "/api/papers/2605.00032/not-interested");
        using var ada = await CommunityClient.SignedInAsync(app, "ada");
        using var bob = await CommunityClient.SignedInAsync(app, "bob");

        // Twice each, interleaved: the first request renders the shared page, the others fill it in.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var adas = await ada.Http.GetStringAsync(DayPage, Cancel);
            var bobs = await bob.Http.GetStringAsync(DayPage, Cancel);

            Assert.Contains("""<a href="/u/ada">ada</a>""", adas);
            Assert.DoesNotContain("/u/bob", adas);
            Assert.Contains("""<a href="/u/bob">bob</a>""", bobs);
            Assert.DoesNotContain("/u/ada", bobs);

            Assert.Equal(["true", "false"], Pressed(adas)); // the dismissed card has no vote button
            Assert.Contains("You marked", adas);
            Assert.Equal(["false", "false", "false"], Pressed(bobs));
            Assert.DoesNotContain("You marked", bobs);
            Assert.Contains("<span class=\"count\">4</span>", bobs); // ada's vote counts for everyone
        }

        var paperPage = "/papers/2605.00033"; // its follow chips: the category and the organization acme
        Assert.Contains("aria-pressed=\"false\"", Follow(await ada.Http.GetStringAsync(paperPage, Cancel)));
        await ApiAsync(app, adaToken, HttpMethod.Post, "/api/follows", """{"kind":"organization","name":"acme"}""");
        Assert.Contains("aria-pressed=\"true\"", Follow(await ada.Http.GetStringAsync(paperPage, Cancel)));
        Assert.Contains("aria-pressed=\"false\"", Follow(await bob.Http.GetStringAsync(paperPage, Cancel)));
    }

    [Fact]
    public async Task Each_reader_posts_with_the_token_of_their_own_page_and_not_with_anothers()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00041", Day, upvotes: 0, title: "Vote with your own token"));
        await CommunityClient.CreateUserAsync(app, "ada");
        await CommunityClient.CreateUserAsync(app, "bob");
        using var ada = await CommunityClient.SignedInAsync(app, "ada");
        using var bob = await CommunityClient.SignedInAsync(app, "bob");
        var adas = await ada.Http.GetStringAsync(DayPage, Cancel);
        var bobs = await bob.Http.GetStringAsync(DayPage, Cancel); // filled in from the page ada's request rendered

        Assert.NotEqual(Token(adas), Token(bobs));
        using (var stolen = await bob.PostFormAsync(VoteAction(bobs), Token(adas), new() { ["up"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        }

        using (var own = await bob.PostFormAsync(VoteAction(bobs), Token(bobs), new() { ["up"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        }

        // Bob's vote shows on his next page at once, on ada's as a count only.
        Assert.Equal(["true"], Pressed(await bob.Http.GetStringAsync(DayPage, Cancel)));
        var adasAfter = await ada.Http.GetStringAsync(DayPage, Cancel);
        Assert.Equal(["false"], Pressed(adasAfter));
        Assert.Contains("<span class=\"count\">1</span>", adasAfter);

        // A second visit reuses the reader's token for their antiforgery cookie; it still verifies.
        var again = await ada.Http.GetStringAsync(DayPage, Cancel);
        using var accepted = await ada.PostFormAsync(VoteAction(again), Token(again), new() { ["up"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal((2, 2), await VoteApiTests.StoredAsync(app, "2605.00041"));
    }

    [Fact]
    public async Task A_dismissed_search_result_folds_for_its_reader_only()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2605.00051", Day, title: "Kelp forests and carbon storage"),
            PaperFactory.InFeed("2605.00052", Day, title: "Kelp farming economics"));
        await app.UntilIndexedAsync();
        var adaId = await CommunityClient.CreateUserAsync(app, "ada");
        await CommunityClient.CreateUserAsync(app, "bob");
        await ApiAsync(app, await CommunityClient.CreateTokenAsync(app, adaId), HttpMethod.Post, "/api/papers/2605.00052/not-interested");
        using var ada = await CommunityClient.SignedInAsync(app, "ada");
        using var bob = await CommunityClient.SignedInAsync(app, "bob");

        var adas = await ada.Http.GetStringAsync("/search?q=kelp", Cancel);
        var bobs = await bob.Http.GetStringAsync("/search?q=kelp", Cancel);

        Assert.Contains("You marked", adas);
        Assert.Contains("Kelp forests and carbon storage", adas);
        Assert.DoesNotContain("You marked", bobs);
        Assert.Contains("Kelp farming economics", bobs);
        Assert.Equal(2, Pressed(bobs).Count);
    }

    [Fact]
    public async Task A_paper_pages_discussion_collections_and_claims_show_each_reader_their_own_and_nothing_of_anothers()
    {
        await using var app = await CommunityApp.StartAsync(DatabaseProvider.Sqlite, PaperFactory.InFeed("2605.00061", Day, title: "A paper to talk about", authors: ["Ada Lovelace", "Charles Babbage"]));
        const string Page = "/papers/2605.00061";
        var ada = await TestUser.CreateAsync(app, "ada");
        var bob = await TestUser.CreateAsync(app, "bob");
        var mod = await TestUser.CreateAsync(app, "mod", Roles.Moderator);
        using var bobs = await bob.SignInAsync();
        Assert.Contains("No comments yet", await bobs.GetStringAsync(Page)); // bob's request renders the shared page

        using (var comment = await ada.SendAsync(HttpMethod.Post, $"/api/papers/2605.00061/comments", new { text = "Ada was here" }))
        using (var collection = await ada.SendAsync(HttpMethod.Post, "/api/collections", new { name = "Engines", @public = false }))
        using (var claim = await ada.SendAsync(HttpMethod.Post, "/api/papers/2605.00061/authorship", new { authorIndex = 0 }))
        {
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], [comment.StatusCode, collection.StatusCode, claim.StatusCode]);
        }

        using var adas = await ada.SignInAsync();
        using var mods = await mod.SignInAsync();
        // Twice each, interleaved: the first request renders the shared page, the others fill it in.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var forAda = await adas.GetStringAsync(Page);
            var forBob = await bobs.GetStringAsync(Page);
            var forMod = await mods.GetStringAsync(Page);

            Assert.All([forAda, forBob, forMod], html => Assert.Contains("Ada was here", html));
            Assert.Contains("/edit\">Edit</a>", forAda);
            Assert.Contains("your claim is pending", forAda);
            Assert.Contains("<option value=", forAda); // "Add to collection" offers her collection
            Assert.Contains("Engines (private)", forAda);
            Assert.All([forBob, forMod], html =>
            {
                Assert.DoesNotContain("Edit</a>", html);
                Assert.DoesNotContain("your claim is pending", html);
                Assert.DoesNotContain("Engines", html);
                Assert.Contains("This is me", html);
                Assert.Contains("Add a comment", html);
            });
            Assert.DoesNotContain(">Hide</button>", forBob);
            Assert.Contains(">Hide</button>", forMod);
            Assert.DoesNotContain(">Hide</button>", forAda);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_vote_and_a_follow_made_on_another_node_show_on_this_nodes_pages_within_the_poll_interval(DatabaseProvider provider)
    {
        await using var nodeA = await TestApp.StartAsync(provider, demo: false);
        await using var nodeB = await TestApp.StartAnotherNodeAsync(nodeA);
        var acme = new Organization { Name = "acme", FullName = "ACME Research" };
        await nodeA.AddPapersAsync(PaperFactory.InFeed("2605.00061", Day, upvotes: 0, title: "Voted on the other node", organization: acme));
        var adaId = await CommunityClient.CreateUserAsync(nodeA, "ada");
        using var ada = await CommunityClient.SignedInAsync(nodeA, "ada");
        Assert.Equal(["false"], Pressed(await ada.Http.GetStringAsync(DayPage, Cancel)));
        Assert.Contains("aria-pressed=\"false\"", Follow(await ada.Http.GetStringAsync("/papers/2605.00061", Cancel)));

        var token = await CommunityClient.CreateTokenAsync(nodeB, adaId);
        await ApiAsync(nodeB, token, HttpMethod.Post, "/api/papers/2605.00061/upvote");
        await ApiAsync(nodeB, token, HttpMethod.Post, "/api/follows", """{"kind":"organization","name":"acme"}""");

        await UntilAsync(ada, DayPage, html => Pressed(html) is ["true"] && html.Contains("<span class=\"count\">1</span>", StringComparison.Ordinal));
        await UntilAsync(ada, "/papers/2605.00061", html => Follow(html).Contains("aria-pressed=\"true\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/papers/2605.99999", HttpStatusCode.NotFound)] // the paper page's own friendly page
    [InlineData("/papers/date/2026-13-45", HttpStatusCode.BadRequest)]
    [InlineData("/search?q=kelp&p=-1", HttpStatusCode.BadRequest)]
    public async Task A_shared_page_that_answers_an_error_shows_the_reader_their_own_header_and_no_holes(string url, HttpStatusCode status)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await CommunityClient.CreateUserAsync(app, "ada");
        using var ada = await CommunityClient.SignedInAsync(app, "ada");

        using var response = await ada.Http.GetAsync(url, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains("""<a href="/u/ada">ada</a>""", html);
        Assert.DoesNotContain("pw-hole", html);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_once_although_sessions_are_kept_in_memory()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var browser = new BrowserSession(app);
        await browser.SignInAsync("ada");
        Assert.True((await browser.GetAsync(DayPage)).IsSignedInAs("ada"));
        var copy = new BrowserSession(app);
        copy.Cookies.Add(browser.Cookies.GetCookies(app.BaseAddress));
        Assert.True((await copy.GetAsync(DayPage)).IsSignedInAs("ada"));

        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(home, new Dictionary<string, string>(), action: "/account/signout")).Status);

        Assert.True((await copy.GetAsync(DayPage)).IsSignedOut(), "a copied cookie no longer signs in once its session ended");
        copy.Dispose();
    }

    [Fact]
    public async Task The_api_answers_a_token_holder_from_the_cache_with_what_anyone_gets()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00071", Day, title: "Original title"));
        var token = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "ada"));
        const string Url = "/api/daily_papers?date=2026-05-28";
        Assert.Contains("Original title", await GetWithTokenAsync(app, token, Url));

        await app.QueryAsync(db => db.Papers.ExecuteUpdateAsync(p => p.SetProperty(x => x.Title, "Changed behind the cache's back"), Cancel));

        Assert.Contains("Original title", await GetWithTokenAsync(app, token, Url)); // served from the cache
        Assert.Contains("Original title", await app.Client.GetStringAsync(Url, Cancel)); // the same entry as anonymous readers
    }

    private static async Task<string> GetWithTokenAsync(TestApp app, string token, string url)
    {
        using var request = CommunityClient.WithToken(HttpMethod.Get, url, token);
        using var response = await app.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private static async Task ApiAsync(TestApp app, string token, HttpMethod method, string url, string? json = null)
    {
        using var request = CommunityClient.WithToken(method, url, token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await app.Client.SendAsync(request, Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    /// <summary>Reads <paramref name="url"/> until <paramref name="shows"/> holds; a generous deadline, since the guarantee is one poll interval.</summary>
    private static async Task UntilAsync(CommunityClient reader, string url, Func<string, bool> shows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string html;
        while (!shows(html = await reader.Http.GetStringAsync(url, Cancel)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{url} never showed the change made on the other node:\n{html}");
            await Task.Delay(50, Cancel);
        }
    }

    private static List<string> Pressed(string html) => [.. VoteButton().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>The follow chip of the organization acme.</summary>
    private static string Follow(string html) => FollowForm().Matches(html).Select(m => m.Value).Single(f => f.Contains("value=\"acme\"", StringComparison.Ordinal));

    private static string VoteAction(string html) => WebUtility.HtmlDecode(VoteForm().Match(html).Groups[1].Value);

    private static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("class=\"vote-button\" aria-pressed=\"(true|false)\"")]
    private static partial Regex VoteButton();

    [GeneratedRegex("<form class=\"follow[^\"]*\"[\\s\\S]*?</form>")]
    private static partial Regex FollowForm();

    [GeneratedRegex("action=\"(/papers/vote\\?[^\"]+)\"")]
    private static partial Regex VoteForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
