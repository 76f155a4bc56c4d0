using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Accounts;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;
using Paperwire.Tests.Digests;
using Paperwire.Tests.ForYou;
using static Paperwire.Tests.ForYou.InterestsKit;

namespace Paperwire.Tests.Accounts;

/// <summary>
/// A reader deletes their account (<c>/account/delete</c>, <c>DELETE /api/account</c>): votes come off the papers' counts,
/// comments stay as "deleted user" or go as they chose, and nothing of theirs signs anybody in afterwards.
/// </summary>
public class AccountDeletionTests
{
    private const string DeletePage = "/account/delete";
    private static readonly DateOnly Day = new(2026, 5, 28);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_delete_my_account_keeping_my_comments_as_deleted_user(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ann = await ReaderWithEverySignalAsync(app, "ann");
        var annsComment = await CommentAsync(ann, Upvoted, "Ann's note on sparse attention");
        await app.AddActiveSubscriberAsync("ann@example.org", s => s.UserId = ann.UserId);
        var bob = await Reader.CreateAsync(app, "bob");
        await bob.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{Upvoted}/upvote");
        await CommentAsync(bob, Upvoted, "Bob answers Ann", parentId: annsComment);
        await app.AddActiveSubscriberAsync("bob@example.org", s => s.UserId = bob.UserId);
        var bobsExport = await bob.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/account/export");
        using var browser = await SignInAsync(app, "ann");
        using var laptop = await SignInAsync(app, "ann");
        // Cached answers from before the deletion must not outlive it.
        Assert.Equal(2, await UpvotesAsync(app, Upvoted));
        Assert.Equal(2, await UpvotesInDailyPapersAsync(app, Upvoted));

        var page = await browser.GetAsync(DeletePage);
        var deleted = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Comments"] = "keep", ["Form.Password"] = AccountSteps.Password });

        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Equal("/account/deleted", deleted.Location!.AbsolutePath);
        Assert.Contains("Your account is deleted", (await browser.GetAsync("/account/deleted")).Text);
        Assert.True((await browser.GetAsync("/")).IsSignedOut());
        Assert.True((await laptop.GetAsync("/")).IsSignedOut());
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync(DeletePage)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ann.SendAsync(HttpMethod.Get, "/api/account/export")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ann.SendAsync(HttpMethod.Post, $"/api/papers/{Collected}/upvote")).Status);
        Assert.False((await browser.SignInAsync("ann")).SetsAuthCookie());

        Assert.Equal(1, await UpvotesAsync(app, Upvoted));
        Assert.Equal(1, await UpvotesInDailyPapersAsync(app, Upvoted));
        var thread = await ThreadAsync(app, Upvoted);
        var kept = Assert.Single(thread.EnumerateArray());
        Assert.Equal("visible", kept.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("author").ValueKind);
        Assert.Equal("Ann's note on sparse attention", kept.GetProperty("markdown").GetString());
        Assert.Equal("bob", Assert.Single(kept.GetProperty("replies").EnumerateArray()).GetProperty("author").GetString());
        var paperPage = new HtmlParser().ParseDocument((await new BrowserSession(app).GetAsync("/papers/" + Upvoted)).Html);
        Assert.Equal(["deleted user", "bob"], paperPage.QuerySelectorAll(".comment-author").Select(a => a.TextContent.Trim()));
        Assert.Contains("Ann's note on sparse attention", paperPage.QuerySelector(".comment-body")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await new BrowserSession(app).GetAsync("/u/ann")).Status);

        Assert.Equal("0 votes, 0 comments, 0 collections, 0 signals, 0 profiles, 0 claims, 0 tokens, 0 sessions, 0 subscriptions, 0 users", await AnnsRowsAsync(app, ann.UserId));
        Assert.Equal(["bob@example.org"], await app.QueryAsync(db => db.DigestSubscriptions.Select(s => s.Email).ToListAsync(Cancel)));
        Assert.Equal(bobsExport, await bob.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/account/export"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_delete_my_account_through_the_api_removing_my_comments(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ann = await ReaderWithEverySignalAsync(app, "ann");
        var bob = await Reader.CreateAsync(app, "bob");
        var alone = await CommentAsync(ann, Collected, "Nobody answers this one");
        var answered = await CommentAsync(ann, Upvoted, "Bob will answer this one");
        await CommentAsync(bob, Upvoted, "Bob answers Ann", parentId: answered);
        var bobsThread = await CommentAsync(bob, Upvoted, "Bob's own thread");
        await CommentAsync(ann, Upvoted, "Ann replies to Bob", parentId: bobsThread);
        await app.AddActiveSubscriberAsync("ann@example.org", s => s.UserId = ann.UserId);
        Assert.Equal(4, await NumCommentsAsync(app, Upvoted));

        var body = await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete, "/api/account", new { password = AccountSteps.Password, comments = "remove" });

        using (var summary = JsonDocument.Parse(body))
        {
            Assert.Equal("ann", summary.RootElement.GetProperty("userName").GetString());
            Assert.Equal(1, summary.RootElement.GetProperty("votesRemoved").GetInt32());
            Assert.Equal(3, summary.RootElement.GetProperty("commentsRemoved").GetInt32());
            Assert.Equal(1, summary.RootElement.GetProperty("digestSubscriptions").GetInt32());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await ann.SendAsync(HttpMethod.Get, "/api/account/export")).Status);
        Assert.Equal(0, await UpvotesAsync(app, Upvoted));
        Assert.Equal(0, await NumCommentsAsync(app, Collected));
        Assert.Empty((await ThreadAsync(app, Collected)).EnumerateArray());
        Assert.Equal(2, await NumCommentsAsync(app, Upvoted));
        var thread = (await ThreadAsync(app, Upvoted)).EnumerateArray().ToList();
        Assert.Equal(2, thread.Count);
        Assert.Equal("deleted", thread[0].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, thread[0].GetProperty("markdown").ValueKind);
        Assert.Equal("Bob answers Ann", Assert.Single(thread[0].GetProperty("replies").EnumerateArray()).GetProperty("markdown").GetString());
        Assert.Equal("Bob's own thread", thread[1].GetProperty("markdown").GetString());
        Assert.Empty(thread[1].GetProperty("replies").EnumerateArray());
        Assert.DoesNotContain("Bob will answer this one", await app.QueryAsync(db => db.Comments.Select(c => c.Markdown).ToListAsync(Cancel)));
        Assert.Equal("0 votes, 0 comments, 0 collections, 0 signals, 0 profiles, 0 claims, 0 tokens, 0 sessions, 0 subscriptions, 0 users", await AnnsRowsAsync(app, ann.UserId));
    }

    [Fact]
    public async Task A_wrong_password_gets_400_or_403_and_deletes_nothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var ann = await ReaderWithEverySignalAsync(app, "ann");
        await CommentAsync(ann, Upvoted, "Still here");
        using var browser = await SignInAsync(app, "ann");
        var before = await EverythingAsync(app);

        var wrong = await browser.SubmitAsync(DeletePage, new Dictionary<string, string> { ["Form.Comments"] = "keep", ["Form.Password"] = "not my password" });
        var noChoice = await browser.SubmitAsync(DeletePage, new Dictionary<string, string> { ["Form.Password"] = AccountSteps.Password });
        var api = await ann.SendAsync(HttpMethod.Delete, "/api/account", new { password = "not my password", comments = "remove" });
        var apiNoChoice = await ann.SendAsync(HttpMethod.Delete, "/api/account", new { password = AccountSteps.Password });
        var apiNoBody = await ann.SendAsync(HttpMethod.Delete, "/api/account");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("That is not your password. Nothing was deleted.", wrong.FormErrors());
        Assert.Equal(HttpStatusCode.BadRequest, noChoice.Status);
        Assert.Equal("Choose what happens to your comments.", noChoice.FieldError("Form.Comments"));
        Assert.Equal(HttpStatusCode.Forbidden, api.Status);
        Assert.Contains("not your password", api.Body);
        Assert.Equal(HttpStatusCode.BadRequest, apiNoChoice.Status);
        Assert.Equal(HttpStatusCode.BadRequest, apiNoBody.Status);
        Assert.Equal(before, await EverythingAsync(app));
        Assert.True((await browser.GetAsync("/")).IsSignedInAs("ann"));
        Assert.Equal(HttpStatusCode.OK, (await ann.SendAsync(HttpMethod.Get, "/api/account/export")).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_deletion_that_fails_at_its_last_step_leaves_everything_as_it_was(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ann = await ReaderWithEverySignalAsync(app, "ann");
        await CommentAsync(ann, Upvoted, "Still here");
        await app.AddActiveSubscriberAsync("ann@example.org", s => s.UserId = ann.UserId);
        // The database refuses to delete the account row, the last thing a deletion deletes.
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER refuse_user_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            : """
              CREATE FUNCTION refuse_user_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER refuse_user_delete BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION refuse_user_delete();
              """, Cancel));
        var before = await EverythingAsync(app);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var deletion = scope.ServiceProvider.GetRequiredService<AccountDeletion>();
            await Assert.ThrowsAnyAsync<Exception>(() => deletion.DeleteAsync(ann.UserId, CommentsOnDeletion.Remove, Cancel));
        }

        Assert.Equal(before, await EverythingAsync(app));
        Assert.Equal(1, await UpvotesAsync(app, Upvoted));
        Assert.Equal(HttpStatusCode.OK, (await ann.SendAsync(HttpMethod.Get, "/api/account/export")).Status);
    }

    [Fact]
    public async Task The_form_without_its_antiforgery_token_and_the_api_by_cookie_without_the_header_delete_nothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await CommunityUserAsync(app, "ann");
        using var browser = await SignInAsync(app, "ann");
        await browser.GetAsync(DeletePage);

        var forged = await browser.PostAsync(DeletePage, [new("Form.Comments", "remove"), new("Form.Password", AccountSteps.Password)]);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/account") { Content = Json(new { password = AccountSteps.Password, comments = "remove" }) };
        var byCookie = await SendWithCookiesAsync(app, browser, request);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(HttpStatusCode.BadRequest, byCookie);
        Assert.Equal(1, await app.UserCountAsync());
        Assert.True((await browser.GetAsync("/")).IsSignedInAs("ann"));
    }

    [Fact]
    public async Task The_eleventh_deletion_attempt_within_a_minute_gets_429()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await CommunityUserAsync(app, "ann");
        using var browser = await SignInAsync(app, "ann");
        var page = await browser.GetAsync(DeletePage);

        // The sign-in was the first of ten account-form posts from this address.
        for (var attempt = 2; attempt <= 10; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Password"] = AccountSteps.Password })).Status);
        }

        var limited = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Comments"] = "keep", ["Form.Password"] = AccountSteps.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(1, await app.UserCountAsync());
    }

    [Fact]
    public async Task An_account_without_a_password_confirms_with_its_email_address()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var user = new PaperwireUser { UserName = "pat", Email = "pat@example.org", EmailConfirmed = true, JoinedAt = TestApp.Now };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>().CreateAsync(user)).Succeeded);
            userId = user.Id;
        }

        var pat = new Reader(app, userId, await Community.Votes.CommunityClient.CreateTokenAsync(app, userId));

        Assert.Equal(HttpStatusCode.Forbidden, (await pat.SendAsync(HttpMethod.Delete, "/api/account", new { email = "someone@example.org", comments = "keep" })).Status);
        await pat.ExpectAsync(HttpStatusCode.OK, HttpMethod.Delete, "/api/account", new { email = "Pat@Example.org", comments = "keep" });
        Assert.Equal(0, await app.UserCountAsync());
    }

    private static async Task CommunityUserAsync(TestApp app, string name) => await Community.Votes.CommunityClient.CreateUserAsync(app, name);

    private static async Task<long> CommentAsync(Reader reader, string paperId, string text, long? parentId = null)
    {
        using var created = JsonDocument.Parse(await reader.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/papers/{paperId}/comments", new { text, parentId }));
        return created.RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> ThreadAsync(TestApp app, string paperId)
    {
        var page = await new BrowserSession(app).GetAsync($"/api/papers/{paperId}/comments");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return JsonDocument.Parse(page.Html).RootElement.Clone();
    }

    private static async Task<JsonElement> PaperAsync(TestApp app, string paperId)
    {
        var page = await new BrowserSession(app).GetAsync($"/api/papers/{paperId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return JsonDocument.Parse(page.Html).RootElement.Clone();
    }

    private static async Task<int> UpvotesAsync(TestApp app, string paperId) => (await PaperAsync(app, paperId)).GetProperty("upvotes").GetInt32();

    private static async Task<int> NumCommentsAsync(TestApp app, string paperId) => (await PaperAsync(app, paperId)).GetProperty("numComments").GetInt32();

    private static async Task<int> UpvotesInDailyPapersAsync(TestApp app, string paperId)
    {
        var page = await new BrowserSession(app).GetAsync($"/api/daily_papers?date={Day:yyyy-MM-dd}");
        using var json = JsonDocument.Parse(page.Html);
        return json.RootElement.EnumerateArray().Single(i => i.GetProperty("paper").GetProperty("id").GetString() == paperId)
            .GetProperty("paper").GetProperty("upvotes").GetInt32();
    }

    private static Task<string> AnnsRowsAsync(TestApp app, string userId) => app.QueryAsync(async db =>
        $"{await db.Votes.CountAsync(v => v.UserId == userId, Cancel)} votes, "
        + $"{await db.Comments.CountAsync(c => c.UserId == userId || c.UserName == "ann", Cancel)} comments, "
        + $"{await db.Collections.CountAsync(c => c.OwnerId == userId, Cancel)} collections, "
        + $"{await db.ReaderSignals.CountAsync(s => s.UserId == userId, Cancel)} signals, "
        + $"{await db.ReaderProfiles.CountAsync(p => p.UserId == userId, Cancel)} profiles, "
        + $"{await db.AuthorshipClaims.CountAsync(c => c.UserId == userId, Cancel)} claims, "
        + $"{await db.ApiTokens.CountAsync(t => t.UserId == userId, Cancel)} tokens, "
        + $"{await db.UserSessions.CountAsync(s => s.UserId == userId, Cancel)} sessions, "
        + $"{await db.DigestSubscriptions.CountAsync(s => s.UserId == userId || s.NormalizedEmail == "ann@example.org", Cancel)} subscriptions, "
        + $"{await db.Users.CountAsync(u => u.Id == userId, Cancel)} users");

    /// <summary>Every row a deletion could touch, for "nothing changed" checks.</summary>
    private static async Task<string> EverythingAsync(TestApp app) => string.Join("\n",
        await SnapshotAsync(app),
        await app.QueryAsync(async db => string.Join(",", await db.Comments.OrderBy(c => c.Id).Select(c => c.Id + c.UserName + c.Markdown).ToListAsync(Cancel))),
        await app.QueryAsync(async db => string.Join(",", await db.Papers.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Upvotes + ":" + p.NumComments).ToListAsync(Cancel))),
        await app.QueryAsync(async db => $"{await db.Users.CountAsync(Cancel)} {await db.ApiTokens.CountAsync(Cancel)} {await db.Collections.CountAsync(Cancel)} "
            + $"{await db.AuthorshipClaims.CountAsync(Cancel)} {await db.DigestSubscriptions.CountAsync(Cancel)} {await db.UserSessions.CountAsync(Cancel)}"));

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Sends <paramref name="request"/> with the browser's cookies (and no antiforgery header), as a script on another site could.</summary>
    private static async Task<HttpStatusCode> SendWithCookiesAsync(TestApp app, BrowserSession browser, HttpRequestMessage request)
    {
        request.Headers.Add("Cookie", browser.Cookies.GetCookieHeader(app.BaseAddress));
        using var response = await app.Client.SendAsync(request, Cancel);
        return response.StatusCode;
    }
}
