using System.Net;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Community.Votes;

/// <summary>The vote button on cards and the paper page: a plain form for signed-in readers, a sign-in link otherwise.</summary>
public partial class VotePageTests
{
    private const string DayPage = "/papers/date/2026-05-28";

    private static readonly DateOnly Day = new(2026, 5, 28);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_in_reader_upvotes_from_a_card_and_sees_their_vote()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00021", Day, upvotes: 4, title: "Vote for me"));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");

        var before = await browser.Http.GetStringAsync(DayPage, Cancel);
        Assert.Contains("aria-pressed=\"false\"", before);
        Assert.Contains("<span class=\"count\">4</span>", before);

        var action = VoteAction(before);
        Assert.Equal("/papers/vote?id=2605.00021&returnUrl=%2Fpapers%2Fdate%2F2026-05-28", action);
        using (var response = await browser.PostFormAsync(action, Token(before), new() { ["up"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(DayPage, response.Headers.Location?.OriginalString);
        }

        var after = await browser.Http.GetStringAsync(DayPage, Cancel);
        Assert.Contains("<span class=\"count\">5</span>", after);
        Assert.Contains("class=\"votes voted\"", after);
        Assert.Contains("aria-pressed=\"true\"", after);
        Assert.Contains("<span class=\"count\">5</span>", await browser.Http.GetStringAsync("/papers/2605.00021", Cancel));

        // The form says what it wants, so a second click of the same page cannot undo the vote…
        using (await browser.PostFormAsync(action, Token(before), new() { ["up"] = "true" }))
        {
        }

        Assert.Equal((5, 1), await VoteApiTests.StoredAsync(app, "2605.00021"));

        // …and the pressed button removes it.
        using (await browser.PostFormAsync(VoteAction(after), Token(after), new() { ["up"] = "false" }))
        {
        }

        Assert.Equal((4, 0), await VoteApiTests.StoredAsync(app, "2605.00021"));
        Assert.Contains("aria-pressed=\"false\"", await browser.Http.GetStringAsync(DayPage, Cancel));
    }

    [Fact]
    public async Task Voting_from_the_second_page_of_a_day_returns_to_that_page_not_the_first()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync([.. Enumerable.Range(1, 101).Select(i => PaperFactory.InFeed($"2605.{i:00000}", Day, upvotes: 200 - i))]);
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");
        var secondPage = DayPage + "?p=1"; // pages count from 0: the 101st paper

        var page = await browser.Http.GetStringAsync(secondPage, Cancel);
        var action = VoteAction(page);
        Assert.EndsWith("&returnUrl=%2Fpapers%2Fdate%2F2026-05-28%3Fp%3D1", action, StringComparison.Ordinal);
        using var response = await browser.PostFormAsync(action, Token(page), new() { ["up"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(secondPage, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_paper_page_button_votes_for_an_old_style_id_and_returns_to_the_paper()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("hep-th/9901001", Day));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");

        var page = await browser.Http.GetStringAsync("/papers/hep-th/9901001", Cancel);
        using var response = await browser.PostFormAsync(VoteAction(page), Token(page), new() { ["up"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/papers/hep-th/9901001", response.Headers.Location?.OriginalString);
        Assert.Equal((1, 1), await VoteApiTests.StoredAsync(app, "hep-th/9901001"));
        Assert.Contains("aria-pressed=\"true\"", await browser.Http.GetStringAsync("/papers/hep-th/9901001", Cancel));
    }

    [Fact]
    public async Task The_vote_form_without_the_antiforgery_token_is_400_and_changes_nothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00022", Day));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");

        using var response = await browser.PostFormAsync("/papers/vote?id=2605.00022", null, new() { ["up"] = "true" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0), await VoteApiTests.StoredAsync(app, "2605.00022"));
    }

    [Fact]
    public async Task Voting_on_an_unknown_paper_from_the_form_is_a_friendly_404()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00023", Day));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");
        var token = await browser.AntiforgeryTokenAsync(DayPage);

        using var unknown = await browser.PostFormAsync("/papers/vote?id=2605.99999", token, new() { ["up"] = "true" });
        using var invalid = await browser.PostFormAsync("/papers/vote?id=nonsense", token, new() { ["up"] = "true" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No paper 2605.99999", await unknown.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_reader_sees_the_count_and_a_link_to_sign_in_and_cannot_vote()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00024", Day, upvotes: 9));
        using var reader = CommunityClient.Anonymous(app);

        var html = await reader.Http.GetStringAsync(DayPage, Cancel);
        Assert.Contains("href=\"/account/signin?returnUrl=%2Fpapers%2Fdate%2F2026-05-28\"", html);
        Assert.Contains("<span class=\"count\">9</span>", html);
        Assert.DoesNotContain("/papers/vote", html);

        using var response = await reader.PostFormAsync("/papers/vote?id=2605.00024", null, new() { ["up"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
        Assert.Equal((9, 0), await VoteApiTests.StoredAsync(app, "2605.00024"));
    }

    [Fact]
    public async Task The_profile_lists_the_papers_a_user_upvoted_latest_first()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2605.00031", Day, title: "First upvoted paper"),
            PaperFactory.InFeed("2605.00032", Day, title: "Second upvoted paper"),
            PaperFactory.InFeed("2605.00033", Day, title: "Paper nobody upvoted"));
        await CommunityClient.CreateUserAsync(app, "grace");
        using var browser = await CommunityClient.SignedInAsync(app, "grace");
        Assert.Contains("No upvotes yet.", await browser.Http.GetStringAsync("/u/grace", Cancel));

        foreach (var id in new[] { "2605.00031", "2605.00032" })
        {
            var page = await browser.Http.GetStringAsync("/papers/" + id, Cancel);
            using var response = await browser.PostFormAsync(VoteAction(page), Token(page), new() { ["up"] = "true" });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // Anyone can read a profile: an anonymous reader sees both votes, the latest first.
        using var reader = CommunityClient.Anonymous(app);
        var profile = await reader.Http.GetStringAsync("/u/grace", Cancel);
        var upvoted = profile[profile.IndexOf("<h2>Upvoted papers</h2>", StringComparison.Ordinal)..profile.IndexOf("<h2>Authored papers</h2>", StringComparison.Ordinal)];
        Assert.True(upvoted.IndexOf("Second upvoted paper", StringComparison.Ordinal) is >= 0 and var second
            && upvoted.IndexOf("First upvoted paper", StringComparison.Ordinal) > second, upvoted);
        Assert.DoesNotContain("Paper nobody upvoted", upvoted);
    }

    private static string VoteAction(string html) => WebUtility.HtmlDecode(VoteForm().Match(html).Groups[1].Value);

    private static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("action=\"(/papers/vote\\?[^\"]+)\"")]
    private static partial Regex VoteForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
