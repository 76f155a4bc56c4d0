using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Comments;

/// <summary>The comment API: threads, Markdown, ownership, moderation, counts, and bad input.</summary>
public class CommentsApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_comment_and_reply_and_a_reply_to_a_reply_joins_the_top_level_comment(DatabaseProvider provider)
    {
        await using var kit = await CommentsKit.StartAsync(provider);
        var alice = await kit.UserAsync("alice");
        var bob = await kit.UserAsync("bob");

        var top = await kit.CommentAsync(alice, "First!");
        var reply = await kit.CommentAsync(bob, "A reply", parentId: top);
        var replyToReply = await kit.CommentAsync(alice, "A reply to the reply", parentId: reply);
        var second = await kit.CommentAsync(bob, "Another thread");

        var thread = await kit.ThreadAsync();
        Assert.Equal([top, second], thread.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        var first = thread[0];
        Assert.Equal("alice", first.GetProperty("author").GetString());
        Assert.Equal("<p>First!</p>", first.GetProperty("html").GetString());
        Assert.Equal("visible", first.GetProperty("state").GetString());
        Assert.Equal([reply, replyToReply], first.GetProperty("replies").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.All(first.GetProperty("replies").EnumerateArray(), r => Assert.Equal(top, r.GetProperty("parentId").GetInt64()));

        var stored = await kit.App.QueryAsync(db => db.Comments.SingleAsync(c => c.Id == replyToReply, Cancel));
        Assert.Equal(top, stored.ParentId);
        Assert.Equal(4, await kit.StoredNumCommentsAsync());
        Assert.Equal(4, (await kit.DailyItemAsync()).GetProperty("numComments").GetInt32());
        Assert.Contains("4 comments", (await kit.AnonymousPageAsync()).QuerySelector(".facts")!.TextContent);
    }

    [Fact]
    public async Task Can_comment_on_a_paper_with_an_old_style_id()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");

        var id = await kit.CommentAsync(alice, "Old but gold", paperId: CommentsKit.OldStylePaperId);

        var thread = await kit.ThreadAsync(CommentsKit.OldStylePaperId);
        Assert.Equal(id, thread.EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(CommentsKit.OldStylePaperId, thread[0].GetProperty("paperId").GetString());
        Assert.Equal(1, await kit.StoredNumCommentsAsync(CommentsKit.OldStylePaperId));
        Assert.Equal(0, await kit.StoredNumCommentsAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Markdown_is_rendered_and_mentions_link_only_to_existing_users(DatabaseProvider provider)
    {
        await using var kit = await CommentsKit.StartAsync(provider);
        var alice = await kit.UserAsync("alice");
        await kit.UserAsync("Bob.Smith");

        var id = await kit.CommentAsync(alice, "**bold** idea, @bob.smith. Ask @nobody or `@alice`");

        var html = await kit.App.QueryAsync(db => db.Comments.Where(c => c.Id == id).Select(c => c.Html).SingleAsync(Cancel));
        Assert.Equal(
            "<p><strong>bold</strong> idea, <a href=\"/u/Bob.Smith\" rel=\"nofollow ugc noopener\">@Bob.Smith</a>. Ask @nobody or <code>@alice</code></p>",
            html);
        var markdown = (await kit.ThreadAsync())[0].GetProperty("markdown").GetString();
        Assert.Equal("**bold** idea, @bob.smith. Ask @nobody or `@alice`", markdown);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Xss_payloads_are_stored_and_shown_inert(DatabaseProvider provider)
    {
        await using var kit = await CommentsKit.StartAsync(provider);
        string[] payloads =
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)>",
            "<javascript:alert(1)>",
        ];
        var writers = new[] { await kit.UserAsync("alice"), await kit.UserAsync("bob") };
        for (var i = 0; i < payloads.Length; i++)
        {
            await kit.CommentAsync(writers[i % 2], payloads[i]);
        }

        var stored = await kit.App.QueryAsync(db => db.Comments.OrderBy(c => c.Id).ToListAsync(Cancel));
        Assert.Equal(payloads, stored.Select(c => c.Markdown));
        foreach (var comment in stored)
        {
            await Inert.AssertHtmlAsync(comment.Html);
        }

        foreach (var comment in (await kit.ThreadAsync()).EnumerateArray())
        {
            await Inert.AssertHtmlAsync(comment.GetProperty("html").GetString()!);
        }

        var page = await kit.AnonymousPageAsync();
        var section = page.GetElementById("comments")!;
        Assert.Equal(payloads.Length, section.QuerySelectorAll(".comment-body").Length);
        Inert.Assert(section);
        Assert.Contains("<script>alert(1)</script>", section.TextContent);

        using var signedIn = await kit.SignInAsync(writers[0]);
        var own = (await CommentsKit.ParseAsync(await signedIn.GetStringAsync($"/papers/{CommentsKit.PaperId}"))).GetElementById("comments")!;
        Assert.Empty(own.QuerySelectorAll("script, iframe, svg, img"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_the_author_can_edit_or_delete_a_comment_and_replies_outlive_it(DatabaseProvider provider)
    {
        await using var kit = await CommentsKit.StartAsync(provider);
        var alice = await kit.UserAsync("alice");
        var bob = await kit.UserAsync("bob");
        var mallory = await kit.UserAsync("mallory", Roles.Curator);
        var top = await kit.CommentAsync(alice, "Original");
        var reply = await kit.CommentAsync(bob, "Reply", parentId: top);

        using (var edit = await kit.EditAsync(mallory, top, "Hijacked"))
        using (var delete = await kit.DeleteAsync(mallory, top))
        {
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
            Assert.Equal("application/problem+json", edit.Content.Headers.ContentType?.MediaType);
        }

        var unchanged = await kit.App.QueryAsync(db => db.Comments.SingleAsync(c => c.Id == top, Cancel));
        Assert.Equal(("Original", null, null), (unchanged.Markdown, unchanged.EditedAt, unchanged.DeletedAt));

        using (var edit = await kit.EditAsync(alice, top, "Edited *now*"))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
            using var json = JsonDocument.Parse(await edit.Content.ReadAsStringAsync(Cancel));
            Assert.Equal("<p>Edited <em>now</em></p>", json.RootElement.GetProperty("html").GetString());
            Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("editedAt").ValueKind);
        }

        using (var empty = await kit.EditAsync(alice, top, "  "))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        Assert.Equal("Edited *now*", (await kit.ThreadAsync())[0].GetProperty("markdown").GetString());
        Assert.Equal(2, await kit.StoredNumCommentsAsync());

        using (var delete = await kit.DeleteAsync(alice, top))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using (var again = await kit.DeleteAsync(alice, top))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        using (var editDeleted = await kit.EditAsync(alice, top, "Back from the dead"))
        {
            Assert.Equal(HttpStatusCode.Conflict, editDeleted.StatusCode);
        }

        using (var replyToDeleted = await kit.PostAsync(bob, "Anyone?", top))
        {
            Assert.Equal(HttpStatusCode.Conflict, replyToDeleted.StatusCode);
        }

        var deleted = await kit.App.QueryAsync(db => db.Comments.SingleAsync(c => c.Id == top, Cancel));
        Assert.Equal(("", ""), (deleted.Markdown, deleted.Html));
        Assert.NotNull(deleted.DeletedAt);
        Assert.Equal(1, await kit.StoredNumCommentsAsync());
        Assert.Equal(1, (await kit.DailyItemAsync()).GetProperty("numComments").GetInt32());

        var thread = await kit.ThreadAsync();
        var placeholder = thread.EnumerateArray().Single();
        Assert.Equal("deleted", placeholder.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, placeholder.GetProperty("author").ValueKind);
        Assert.Equal(JsonValueKind.Null, placeholder.GetProperty("html").ValueKind);
        Assert.Equal(reply, placeholder.GetProperty("replies")[0].GetProperty("id").GetInt64());

        var page = (await kit.AnonymousPageAsync()).GetElementById("comments")!;
        Assert.Contains("[deleted]", page.TextContent);
        Assert.DoesNotContain("Edited", page.TextContent);
        Assert.Contains("Reply", page.QuerySelector($"#comment-{reply}")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Moderators_hide_any_comment_and_others_see_a_placeholder(DatabaseProvider provider)
    {
        await using var kit = await CommentsKit.StartAsync(provider);
        var alice = await kit.UserAsync("alice");
        var moderator = await kit.UserAsync("mod", Roles.Moderator);
        var admin = await kit.UserAsync("root", Roles.Admin);
        var rude = await kit.CommentAsync(alice, "Something rude");
        var other = await kit.CommentAsync(alice, "Something else rude");
        await kit.CommentAsync(alice, "Something fine");

        using (var own = await kit.HideAsync(alice, rude))
        {
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        }

        Assert.Equal(3, await kit.StoredNumCommentsAsync());

        foreach (var (hider, id) in new[] { (moderator, rude), (admin, other), (moderator, rude) })
        {
            using var hide = await kit.HideAsync(hider, id);
            Assert.Equal(HttpStatusCode.NoContent, hide.StatusCode);
        }

        var stored = await kit.App.QueryAsync(db => db.Comments.SingleAsync(c => c.Id == rude, Cancel));
        Assert.Equal("mod", stored.HiddenBy);
        Assert.Equal(1, await kit.StoredNumCommentsAsync());
        Assert.Equal(1, (await kit.DailyItemAsync()).GetProperty("numComments").GetInt32());

        var hidden = (await kit.ThreadAsync())[0];
        Assert.Equal("hidden", hidden.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("markdown").ValueKind);

        var anonymous = (await kit.AnonymousPageAsync()).GetElementById("comments")!;
        Assert.Equal(2, anonymous.QuerySelectorAll(".comment-placeholder").Count(p => p.TextContent == "[hidden by a moderator]"));
        Assert.DoesNotContain("rude", anonymous.TextContent);

        using var author = await kit.SignInAsync(alice);
        Assert.DoesNotContain("rude", (await CommentsKit.ParseAsync(await author.GetStringAsync($"/papers/{CommentsKit.PaperId}"))).GetElementById("comments")!.TextContent);

        using var mod = await kit.SignInAsync(moderator);
        var modView = (await CommentsKit.ParseAsync(await mod.GetStringAsync($"/papers/{CommentsKit.PaperId}"))).GetElementById("comments")!;
        Assert.Contains("Something rude", modView.TextContent);
        Assert.Contains("hidden by mod", modView.QuerySelector($"#comment-{rude}")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Oversized_or_empty_comments_are_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var kit = await CommentsKit.StartAsync(provider);
        var alice = await kit.UserAsync("alice");
        var bob = await kit.UserAsync("bob");
        var top = await kit.CommentAsync(bob, "A fine comment");

        foreach (var text in new[] { new string('x', 1024 * 1024), new string('x', 10_001), "", "   \n\t" })
        {
            using var response = await kit.PostAsync(alice, text);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("text", out _));
        }

        using (var missing = await kit.SendAsync(HttpMethod.Post, $"/api/papers/{CommentsKit.PaperId}/comments", alice, new { parentId = top }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        }

        using (var oversizedEdit = await kit.EditAsync(bob, top, new string('y', 1024 * 1024)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, oversizedEdit.StatusCode);
        }

        var comments = await kit.App.QueryAsync(db => db.Comments.ToListAsync(Cancel));
        Assert.Equal("A fine comment", Assert.Single(comments).Markdown);
        Assert.Equal(1, await kit.StoredNumCommentsAsync());

        var longest = await kit.CommentAsync(alice, new string('z', 10_000));
        Assert.Equal(10_000, (await kit.App.QueryAsync(db => db.Comments.SingleAsync(c => c.Id == longest, Cancel))).Markdown.Length);
    }

    [Fact]
    public async Task Unknown_papers_comments_and_parents_are_clear_problems()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        var elsewhere = await kit.CommentAsync(alice, "On the old paper", paperId: CommentsKit.OldStylePaperId);

        using (var unknownPaper = await kit.PostAsync(alice, "Hello", paperId: "2504.99999"))
        using (var badId = await kit.PostAsync(alice, "Hello", paperId: "not-an-id"))
        using (var thread = await kit.Client.GetAsync("/api/papers/2504.99999/comments", Cancel))
        using (var foreignParent = await kit.PostAsync(alice, "Hello", parentId: elsewhere))
        using (var unknownParent = await kit.PostAsync(alice, "Hello", parentId: 999_999))
        using (var unknownEdit = await kit.EditAsync(alice, 999_999, "Hello"))
        using (var unknownDelete = await kit.DeleteAsync(alice, 999_999))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownPaper.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, thread.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, foreignParent.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, unknownParent.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unknownEdit.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unknownDelete.StatusCode);
            Assert.Equal("application/problem+json", unknownPaper.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(1, await kit.App.QueryAsync(db => db.Comments.CountAsync(Cancel)));
        Assert.Equal(0, await kit.StoredNumCommentsAsync());
    }

    [Fact]
    public async Task Anonymous_writes_are_401_and_change_nothing()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        var id = await kit.CommentAsync(alice, "Mine");
        var forged = alice with { Token = "pw_" + new string('A', 43) };

        foreach (var user in new[] { null, forged })
        {
            using var post = await kit.PostAsync(user, "Hello");
            using var edit = await kit.EditAsync(user, id, "Hello");
            using var delete = await kit.DeleteAsync(user, id);
            using var hide = await kit.HideAsync(user, id);
            Assert.All([post, edit, delete, hide], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        }

        var stored = Assert.Single(await kit.App.QueryAsync(db => db.Comments.ToListAsync(Cancel)));
        Assert.Equal(("Mine", null, null), (stored.Markdown, stored.DeletedAt, stored.HiddenAt));
    }

    [Fact]
    public async Task Cookie_writes_need_the_antiforgery_header()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        using var session = await kit.SignInAsync(alice);
        var token = await session.FormTokenAsync($"/papers/{CommentsKit.PaperId}");

        using (var without = await session.Client.PostAsJsonAsync($"/api/papers/{CommentsKit.PaperId}/comments", new { text = "No token" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        }

        Assert.Equal(0, await kit.App.QueryAsync(db => db.Comments.CountAsync(Cancel)));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/papers/{CommentsKit.PaperId}/comments")
        {
            Content = JsonContent.Create(new { text = "With token" }),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var with = await session.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
        Assert.Equal("alice", (await kit.App.QueryAsync(db => db.Comments.SingleAsync(Cancel))).UserName);
    }

    [Fact]
    public async Task The_eleventh_comment_within_a_minute_is_429()
    {
        await using var kit = await CommentsKit.StartAsync();
        var alice = await kit.UserAsync("alice");
        var bob = await kit.UserAsync("bob");
        for (var i = 0; i < 10; i++)
        {
            await kit.CommentAsync(alice, $"Comment {i}");
        }

        using var limited = await kit.PostAsync(alice, "One too many");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(10, await kit.StoredNumCommentsAsync());

        // The limit is per user.
        await kit.CommentAsync(bob, "My first");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Author_participation_shows_once_a_verified_author_comments(DatabaseProvider provider)
    {
        await using var kit = await CommentsKit.StartAsync(provider);
        var ada = await kit.UserAsync("ada");
        var pending = await kit.UserAsync("alan");
        var reader = await kit.UserAsync("reader");
        await kit.App.QueryAsync(async db =>
        {
            db.AuthorshipClaims.AddRange(
                new AuthorshipClaim { PaperId = CommentsKit.PaperId, AuthorIndex = 0, UserId = ada.Id, UserName = ada.Name, Status = ClaimStatus.Verified, CreatedAt = TestApp.Now },
                new AuthorshipClaim { PaperId = CommentsKit.PaperId, AuthorIndex = 1, UserId = pending.Id, UserName = pending.Name, Status = ClaimStatus.Pending, CreatedAt = TestApp.Now });
            return await db.SaveChangesAsync(Cancel);
        });

        await kit.CommentAsync(reader, "Nice paper");
        var byPending = await kit.CommentAsync(pending, "I wrote this");
        Assert.False((await kit.DailyItemAsync()).GetProperty("isAuthorParticipating").GetBoolean());

        var byAuthor = await kit.CommentAsync(ada, "Author here: happy to answer questions.");
        Assert.True((await kit.DailyItemAsync()).GetProperty("isAuthorParticipating").GetBoolean());
        Assert.False((await kit.DailyItemAsync(CommentsKit.OldStylePaperId)).GetProperty("isAuthorParticipating").GetBoolean());
        Assert.True((await SearchItemAsync(kit, "SmolVLM")).GetProperty("isAuthorParticipating").GetBoolean());

        var thread = await kit.ThreadAsync();
        Assert.Equal(
            [false, false, true],
            thread.EnumerateArray().Select(c => c.GetProperty("byPaperAuthor").GetBoolean()));
        Assert.Equal(byAuthor, thread[2].GetProperty("id").GetInt64());
        Assert.NotNull((await kit.AnonymousPageAsync()).QuerySelector($"#comment-{byAuthor} .comment-badge"));
        Assert.Null((await kit.AnonymousPageAsync()).QuerySelector($"#comment-{byPending} .comment-badge"));

        using (var delete = await kit.DeleteAsync(ada, byAuthor))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.False((await kit.DailyItemAsync()).GetProperty("isAuthorParticipating").GetBoolean());
    }

    /// <summary>The search API's item for the kit's paper, once the search index has caught up with it.</summary>
    private static async Task<System.Text.Json.JsonElement> SearchItemAsync(CommentsKit kit, string query)
    {
        for (var attempt = 0; ; attempt++)
        {
            var items = System.Text.Json.JsonDocument.Parse(await kit.App.Client.GetStringAsync($"/api/papers/search?q={query}", Cancel)).RootElement;
            var item = items.EnumerateArray().FirstOrDefault(i => i.GetProperty("paper").GetProperty("id").GetString() == CommentsKit.PaperId);
            if (item.ValueKind != System.Text.Json.JsonValueKind.Undefined || attempt == 100)
            {
                Assert.NotEqual(System.Text.Json.JsonValueKind.Undefined, item.ValueKind);
                return item.Clone();
            }

            await Task.Delay(100, Cancel);
        }
    }
}
