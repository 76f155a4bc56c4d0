using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperwire.Tests.Community.Votes;

namespace Paperwire.Tests.Community.Tokens;

/// <summary><c>/account/tokens</c>: create (secret shown once), list, revoke; only ever one's own tokens.</summary>
public partial class TokenPageTests
{
    private const string Page = "/account/tokens";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_token_is_shown_once_and_works_as_a_bearer_token()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00061", new DateOnly(2026, 5, 28)));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");
        Assert.Contains("You have no tokens yet.", await browser.Http.GetStringAsync(Page, Cancel));

        var created = await CreateAsync(browser, "laptop script");
        var secret = Secret().Match(created).Value;
        Assert.StartsWith("pw_", secret);
        Assert.Contains("shown only this once", created);
        Assert.Contains("no-store", createdCacheControl);

        var later = await browser.Http.GetStringAsync(Page, Cancel);
        Assert.DoesNotContain(secret, later);
        Assert.Contains("laptop script", later);
        Assert.Contains(secret[..10] + "…", later);
        Assert.Contains("never", later); // not used yet
        Assert.Equal(1, await app.QueryAsync(db => db.ApiTokens.CountAsync(t => t.Hash != secret)));

        Assert.Equal((1, true), await VoteApiTests.SendAsync(app, HttpMethod.Post, "/api/papers/2605.00061/upvote", secret));
        Assert.DoesNotContain(">never<", await browser.Http.GetStringAsync(Page, Cancel));
    }

    [Fact]
    public async Task A_revoked_token_stops_working()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00062", new DateOnly(2026, 5, 28)));
        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");
        var secret = Secret().Match(await CreateAsync(browser, "old")).Value;
        var list = await browser.Http.GetStringAsync(Page, Cancel);

        var action = WebUtility.HtmlDecode(RevokeAction().Match(list).Groups[1].Value);
        Assert.NotEmpty(action);
        using (var revoke = await browser.PostFormAsync(action, Token(list), []))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        }

        using var request = CommunityClient.WithToken(HttpMethod.Post, "/api/papers/2605.00062/upvote", secret);
        using var response = await app.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((0, 0), await VoteApiTests.StoredAsync(app, "2605.00062"));
        var after = await browser.Http.GetStringAsync(Page + "?revoked=true", Cancel);
        Assert.Contains("class=\"revoked\"", after);
        Assert.Contains("no longer signs anything in", after);
    }

    [Fact]
    public async Task A_user_cannot_revoke_another_users_token()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00063", new DateOnly(2026, 5, 28)));
        var adaSecret = await CommunityClient.CreateTokenAsync(app, await CommunityClient.CreateUserAsync(app, "ada"));
        var adaTokenId = await app.QueryAsync(db => db.ApiTokens.Select(t => t.Id).SingleAsync());
        await CommunityClient.CreateUserAsync(app, "mallory");
        using var mallory = await CommunityClient.SignedInAsync(app, "mallory");
        var page = await mallory.Http.GetStringAsync(Page, Cancel);

        using var response = await mallory.PostFormAsync($"{Page}?handler=Revoke&id={adaTokenId}", Token(page), []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.ApiTokens.Select(t => t.RevokedAt).SingleAsync()));
        Assert.DoesNotContain(adaSecret[..10], page);
        Assert.Equal((1, true), await VoteApiTests.SendAsync(app, HttpMethod.Post, "/api/papers/2605.00063/upvote", adaSecret));
    }

    [Fact]
    public async Task The_tokens_page_needs_sign_in_and_its_forms_need_the_antiforgery_token()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var anonymous = await app.Client.GetAsync(Page, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/signin", anonymous.Headers.Location?.PathAndQuery);

        await CommunityClient.CreateUserAsync(app, "ada");
        using var browser = await CommunityClient.SignedInAsync(app, "ada");
        using var forged = await browser.PostFormAsync(Page + "?handler=Create", null, new() { ["Form.Name"] = "sneaky" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.ApiTokens.CountAsync()));

        var page = await browser.Http.GetStringAsync(Page, Cancel);
        using var empty = await browser.PostFormAsync(Page + "?handler=Create", Token(page), new() { ["Form.Name"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("field-error", await empty.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(0, await app.QueryAsync(db => db.ApiTokens.CountAsync()));
    }

    private string createdCacheControl = "";

    private async Task<string> CreateAsync(CommunityClient browser, string name)
    {
        var page = await browser.Http.GetStringAsync(Page, Cancel);
        using var response = await browser.PostFormAsync(Page + "?handler=Create", Token(page), new() { ["Form.Name"] = name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        createdCacheControl = response.Headers.CacheControl?.ToString() ?? "";
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("pw_[A-Za-z0-9_-]{43}")]
    private static partial Regex Secret();

    [GeneratedRegex("action=\"(/account/tokens\\?[^\"]*handler=Revoke[^\"]*)\"")]
    private static partial Regex RevokeAction();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
