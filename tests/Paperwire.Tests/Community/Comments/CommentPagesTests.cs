using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;

namespace Paperwire.Tests.Community.Comments;

/// <summary>The discussion on the paper page: plain forms with antiforgery tokens, no script.</summary>
public class CommentPagesTests
{
    private const string PaperPath = "/papers/" + CommentsKit.PaperId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_readers_see_the_thread_and_a_sign_in_link_but_no_forms()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        await kit.CommentAsync(alice, "Visible to everyone");

        var section = (await kit.AnonymousPageAsync()).GetElementById("comments")!;
        Assert.Contains("Visible to everyone", section.TextContent);
        Assert.Empty(section.QuerySelectorAll("form"));
        var signIn = section.QuerySelector(".comments-signin a")!;
        Assert.Equal("Sign in to comment", signIn.TextContent);
        Assert.Equal("/account/signin?ReturnUrl=%2Fpapers%2F2504.05299", signIn.GetAttribute("href"));
    }

    [Fact]
    public async Task Can_comment_reply_edit_and_delete_through_the_page_forms()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        var bob = await kit.UserAsync("bob");
        using var session = await kit.SignInAsync(alice);

        var token = await session.FormTokenAsync(PaperPath);
        using (var posted = await session.PostFormAsync("/comments/new", token, new() { ["paperId"] = CommentsKit.PaperId, ["text"] = "From the **form**" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith(PaperPath + "#comment-", posted.Headers.Location!.OriginalString);
        }

        var top = await kit.App.QueryAsync(db => db.Comments.Select(c => c.Id).SingleAsync(Cancel));
        var bobsReply = await kit.CommentAsync(bob, "Bob replies", top);

        var page = await CommentsKit.ParseAsync(await session.GetStringAsync(PaperPath));
        var mine = page.GetElementById($"comment-{top}")!;
        Assert.Equal("<p>From the <strong>form</strong></p>", mine.QuerySelector(".comment-body")!.InnerHtml);
        Assert.NotNull(mine.QuerySelector($"a[href='/comments/{top}/edit']"));
        Assert.NotNull(mine.QuerySelector($"form[action='/comments/{top}/delete']"));
        Assert.NotNull(mine.QuerySelector("details.comment-reply form[action='/comments/new'] input[name='parentId']"));
        var bobs = page.GetElementById($"comment-{bobsReply}")!;
        Assert.Null(bobs.QuerySelector("a[href$='/edit']"));
        Assert.Empty(page.QuerySelectorAll("form[action$='/hide']"));
        Assert.All(page.QuerySelectorAll("#comments form"), form => Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']")));

        // A reply to Bob's reply lands under the top-level comment.
        using (var replied = await session.PostFormAsync("/comments/new", token, new() { ["paperId"] = CommentsKit.PaperId, ["parentId"] = bobsReply.ToString(), ["text"] = "Thanks Bob" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        }

        Assert.True(await kit.App.QueryAsync(db => db.Comments.AllAsync(c => c.Id == top || c.ParentId == top, Cancel)));

        var editForm = await CommentsKit.ParseAsync(await session.GetStringAsync($"/comments/{top}/edit"));
        Assert.Equal("From the **form**", editForm.QuerySelector("textarea[name='text']")!.TextContent);
        var editToken = await session.FormTokenAsync($"/comments/{top}/edit");
        using (var edited = await session.PostFormAsync($"/comments/{top}/edit", editToken, new() { ["text"] = "Edited in the form" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
            Assert.Equal($"{PaperPath}#comment-{top}", edited.Headers.Location!.OriginalString);
        }

        Assert.Contains("(edited)", (await CommentsKit.ParseAsync(await session.GetStringAsync(PaperPath))).GetElementById($"comment-{top}")!.TextContent);

        using (var deleted = await session.PostFormAsync($"/comments/{top}/delete", token, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        var after = (await kit.AnonymousPageAsync()).GetElementById("comments")!;
        Assert.Equal("[deleted]", after.QuerySelector($"#comment-{top} .comment-placeholder")!.TextContent);
        Assert.Contains("Bob replies", after.TextContent);
        Assert.Contains("Thanks Bob", after.TextContent);
        Assert.DoesNotContain("Edited in the form", after.TextContent);
        Assert.Equal(2, await kit.StoredNumCommentsAsync());
    }

    [Fact]
    public async Task Page_forms_refuse_missing_tokens_other_peoples_comments_and_empty_text()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        var bob = await kit.UserAsync("bob");
        var alices = await kit.CommentAsync(alice, "Alice's words");
        using var session = await kit.SignInAsync(bob);
        var token = await session.FormTokenAsync(PaperPath);

        using (var noToken = await session.PostFormAsync("/comments/new", null, new() { ["paperId"] = CommentsKit.PaperId, ["text"] = "No token" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }

        using (var empty = await session.PostFormAsync("/comments/new", token, new() { ["paperId"] = CommentsKit.PaperId, ["text"] = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("cannot be empty", await empty.Content.ReadAsStringAsync(Cancel));
        }

        using (var huge = await session.PostFormAsync("/comments/new", token, new() { ["paperId"] = CommentsKit.PaperId, ["text"] = new string('x', 1024 * 1024) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        }

        using (var unknownPaper = await session.PostFormAsync("/comments/new", token, new() { ["paperId"] = "2504.99999", ["text"] = "Hello" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownPaper.StatusCode);
        }

        using (var editPage = await session.Client.GetAsync($"/comments/{alices}/edit", Cancel))
        using (var edit = await session.PostFormAsync($"/comments/{alices}/edit", token, new() { ["text"] = "Bob was here" }))
        using (var delete = await session.PostFormAsync($"/comments/{alices}/delete", token, []))
        using (var hide = await session.PostFormAsync($"/comments/{alices}/hide", token, []))
        {
            Assert.Equal(HttpStatusCode.Forbidden, editPage.StatusCode);
            Assert.Contains("your own comments", await editPage.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, hide.StatusCode);
        }

        var stored = Assert.Single(await kit.App.QueryAsync(db => db.Comments.ToListAsync(Cancel)));
        Assert.Equal(("Alice's words", null, null), (stored.Markdown, stored.DeletedAt, stored.HiddenAt));

        using var anonymous = await kit.Client.GetAsync($"/comments/{alices}/edit", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/signin", anonymous.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Moderators_get_a_hide_button_and_hide_through_the_form()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        var moderator = await kit.UserAsync("mod", Roles.Moderator);
        var id = await kit.CommentAsync(alice, "Spam spam spam");
        using var session = await kit.SignInAsync(moderator);

        var page = await CommentsKit.ParseAsync(await session.GetStringAsync(PaperPath));
        Assert.NotNull(page.QuerySelector($"#comment-{id} form[action='/comments/{id}/hide']"));
        var token = await session.FormTokenAsync(PaperPath);
        using (var hide = await session.PostFormAsync($"/comments/{id}/hide", token, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, hide.StatusCode);
        }

        var anonymous = (await kit.AnonymousPageAsync()).GetElementById("comments")!;
        Assert.Equal("[hidden by a moderator]", anonymous.QuerySelector($"#comment-{id} .comment-placeholder")!.TextContent);
        Assert.Equal(0, await kit.StoredNumCommentsAsync());
    }
}
