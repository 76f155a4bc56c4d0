using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Readers;
using Paperwire.Storage;
using static Paperwire.Tests.ForYou.InterestsKit;

namespace Paperwire.Tests.ForYou;

/// <summary><c>/account/interests</c>: every signal listed and linked, each removable by its owner alone; the JSON download; follows on the profile by choice.</summary>
public class InterestsPageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_see_every_kind_of_signal_linked_and_remove_each(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ann = await ReaderWithEverySignalAsync(app);
        using var browser = await SignInAsync(app, "ann");

        var page = await browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"""<a href="/papers/{Upvoted}">Upvoted paper on sparse attention</a>""", page.Html);
        Assert.Contains($"""<a href="/papers/{Collected}">Collected paper on retrieval</a>""", page.Html);
        Assert.Contains("""<a href="/collections/ann/reading">Reading</a>""", page.Html);
        Assert.Contains($"""<a href="/papers/{Authored}">Authored paper on tokenizers</a>""", page.Html);
        Assert.Contains($"""<a href="/papers/{Dismissed}">{DismissedTitle}</a>""", page.Html);
        Assert.Contains($"""<a href="/papers/{Picked}">Picked paper on speech recognition</a>""", page.Html);
        Assert.Contains("""<a href="https://arxiv.org/list/cs.CL/recent">cs.CL</a>""", page.Html);
        Assert.Contains("""<a href="/orgs/acme">acme</a>""", page.Html);
        Assert.Contains("""<a href="/search?mode=keyword&amp;q=Ada%20Lovelace">Ada Lovelace</a>""", page.Html);
        Assert.Contains("""href="/api/account/interests" download""", page.Html);
        Assert.Single(Actions(page, "Unvote"));
        Assert.Single(Actions(page, "Uncollect"));
        Assert.Equal(5, Actions(page, "Remove").Count); // the pick, the not-interested mark and three follows; authorship has no form

        var version = await ann.VersionAsync();
        Assert.Equal($"{Page}?done=unvoted", (await SubmitAsync(browser, "Unvote", Upvoted)).Location?.PathAndQuery);
        Assert.Equal($"{Page}?done=uncollected", (await SubmitAsync(browser, "Uncollect", Collected)).Location?.PathAndQuery);
        var markId = await app.QueryAsync(db => db.ReaderSignals.Where(s => s.Kind == ReaderSignalKind.NotInterested).Select(s => s.Id).SingleAsync(Cancel));
        Assert.Equal($"{Page}?done=removed", (await SubmitAsync(browser, "Remove", $"id={markId}")).Location?.PathAndQuery);
        foreach (var follow in await app.QueryAsync(db => db.ReaderSignals.Select(s => s.Id).ToListAsync(Cancel)))
        {
            Assert.Equal($"{Page}?done=removed", (await SubmitAsync(browser, "Remove", $"id={follow}")).Location?.PathAndQuery);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Votes.CountAsync(Cancel)));
        Assert.Equal(0, await app.QueryAsync(db => db.CollectionItems.CountAsync(Cancel)));
        Assert.Equal(1, await app.QueryAsync(db => db.Collections.CountAsync(Cancel))); // the collection stays, without the paper
        Assert.Equal(0, await app.QueryAsync(db => db.ReaderSignals.CountAsync(Cancel)));
        Assert.Equal(version + 7, await ann.VersionAsync()); // each removal is a signal write: the model is retrained
        var after = await browser.GetAsync($"{Page}?done=removed");
        Assert.Contains("Removed: your ranking no longer uses it.", after.Text);
        Assert.Contains("No upvotes yet.", after.Text);
        Assert.Contains("You follow no category, organization or author yet.", after.Text);
        Assert.Contains("Authored paper on tokenizers", after.Text); // an admin's decision, not the reader's to remove

        // The download is the API's export, to the same reader's cookie.
        var download = await browser.GetAsync("/api/account/interests");
        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Contains("attachment", download.Header("Content-Disposition"));
        Assert.Contains("no-store", download.Header("Cache-Control"));
        using var export = JsonDocument.Parse(download.Html);
        Assert.Equal(0, export.RootElement.GetProperty("upvoted").GetArrayLength());
        Assert.Equal(Authored, export.RootElement.GetProperty("authored")[0].GetProperty("paperId").GetString());
        Assert.Equal(await ann.VersionAsync(), export.RootElement.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_download_holds_what_the_page_lists()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await ReaderWithEverySignalAsync(app);
        using var browser = await SignInAsync(app, "ann");
        var page = await browser.GetAsync(Page);

        using var export = JsonDocument.Parse((await browser.GetAsync("/api/account/interests")).Html);

        var root = export.RootElement;
        string[] titles = [.. new[] { "upvoted", "collected", "authored" }.Select(kind => root.GetProperty(kind)[0].GetProperty("title").GetString()!)];
        Assert.Equal(["Upvoted paper on sparse attention", "Collected paper on retrieval", "Authored paper on tokenizers"], titles);
        Assert.Equal(DismissedTitle, root.GetProperty("notInterested")[0].GetProperty("title").GetString());
        Assert.Equal(["category cs.CL", "organization acme", "author Ada Lovelace"],
            root.GetProperty("follows").EnumerateArray().Select(f => $"{f.GetProperty("kind").GetString()} {f.GetProperty("target").GetString()}"));
        Assert.All(titles, title => Assert.Contains(title, page.Text));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Bad_or_foreign_input_is_a_friendly_4xx_page_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await ReaderWithEverySignalAsync(app, "bob");
        var bobsSignal = await app.QueryAsync(db => db.ReaderSignals.Select(s => s.Id).MaxAsync(Cancel));
        var bobsCollection = await app.QueryAsync(db => db.Collections.Select(c => c.Id).SingleAsync(Cancel));
        await Reader.CreateAsync(app, "ann");
        using var ann = await SignInAsync(app, "ann");
        var before = await SnapshotAsync(app);

        (string Query, Dictionary<string, string>? Fields, HttpStatusCode Status, string Says)[] attempts =
        [
            ($"?handler=Remove&id={bobsSignal}", null, HttpStatusCode.NotFound, "You have no follow or not-interested mark with that number"),
            ("?handler=Remove&id=987654321", null, HttpStatusCode.NotFound, "You have no follow or not-interested mark"),
            ("?handler=Remove&id=abc", null, HttpStatusCode.NotFound, "You have no follow or not-interested mark"),
            ("?handler=Remove", null, HttpStatusCode.NotFound, "You have no follow or not-interested mark"),
            ($"?handler=Unvote&paper={Upvoted}", null, HttpStatusCode.NotFound, $"You have not upvoted paper {Upvoted}"),
            ("?handler=Unvote&paper=2605.99999", null, HttpStatusCode.NotFound, "You have not upvoted paper 2605.99999"),
            ("?handler=Unvote&paper=%3Cscript%3E", null, HttpStatusCode.BadRequest, "is not a paper id"),
            ("?handler=Unvote", null, HttpStatusCode.BadRequest, "is not a paper id"),
            ($"?handler=Uncollect&collection={bobsCollection}&paper={Collected}", null, HttpStatusCode.NotFound, ""),
            ($"?handler=Uncollect&collection=-1&paper={Collected}", null, HttpStatusCode.NotFound, ""),
            ("?handler=Uncollect&collection=1&paper=..%2F..", null, HttpStatusCode.BadRequest, "is not a paper id"),
        ];

        foreach (var (query, fields, status, says) in attempts)
        {
            var answer = await PostAsync(ann, query, fields);
            Assert.True(answer.Status == status, $"{query} answered {(int)answer.Status}, not {(int)status}");
            Assert.Equal("text/html", answer.Header("Content-Type")?.Split(';')[0]);
            Assert.Contains(says, answer.Text);
            Assert.DoesNotContain("<script>", answer.Html);
        }

        // Without the antiforgery token (a form posted from another site) nothing happens either.
        var forged = await ann.PostAsync($"{Page}?handler=Profile", [new("show", "true")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Signals_are_private_and_follows_show_on_the_profile_only_when_chosen(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await ReaderWithEverySignalAsync(app);
        await Reader.CreateAsync(app, "bob");
        using var ann = await SignInAsync(app, "ann");
        using var bob = await SignInAsync(app, "bob");
        using var anonymous = new BrowserSession(app);

        // The page and the download are the signed-in reader's own: anonymous is sent to sign in, bob sees only his.
        Assert.Equal("/account/signin", (await anonymous.GetAsync(Page)).Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/account/interests")).Status);
        var bobsPage = await bob.GetAsync(Page);
        Assert.DoesNotContain(DismissedTitle, bobsPage.Text);
        Assert.DoesNotContain("Ada Lovelace", bobsPage.Text);
        Assert.DoesNotContain(DismissedTitle, (await bob.GetAsync("/api/account/interests")).Text);

        // Off by default: nobody sees ann's follows on her profile; the link to the page is hers alone.
        Assert.Contains("Interests and private feed", (await ann.GetAsync("/u/ann")).Text);
        foreach (var viewer in new[] { anonymous, bob })
        {
            var profile = await viewer.GetAsync("/u/ann");
            Assert.Equal(HttpStatusCode.OK, profile.Status);
            Assert.DoesNotContain("<h2>Follows</h2>", profile.Html);
            Assert.DoesNotContain("Ada Lovelace", profile.Text);
            Assert.DoesNotContain(DismissedTitle, profile.Text);
            Assert.DoesNotContain("Interests and private feed", profile.Text);
        }

        var version = await app.QueryAsync(db => db.ReaderProfiles.Select(p => p.SignalsVersion).MaxAsync(Cancel));
        Assert.Equal($"{Page}?done=profile", (await SubmitAsync(ann, "Profile", fields: new Dictionary<string, string> { ["show"] = "true" })).Location?.PathAndQuery);
        Assert.Contains("""name="show" value="true" checked="checked">""", (await ann.GetAsync(Page)).Html);
        foreach (var viewer in new[] { anonymous, bob })
        {
            var profile = await viewer.GetAsync("/u/ann");
            Assert.Contains("<h2>Follows</h2>", profile.Html);
            Assert.Contains("""<a href="https://arxiv.org/list/cs.CL/recent">cs.CL</a>""", profile.Html);
            Assert.Contains("""<a href="/orgs/acme">acme</a>""", profile.Html);
            Assert.Contains(">Ada Lovelace</a>", profile.Html);
            Assert.DoesNotContain(DismissedTitle, profile.Text); // a not-interested mark is never public
        }

        Assert.Equal(version, await app.QueryAsync(db => db.ReaderProfiles.Select(p => p.SignalsVersion).MaxAsync(Cancel))); // not a signal
        Assert.DoesNotContain("<h2>Follows</h2>", (await anonymous.GetAsync("/u/bob")).Html); // bob never chose

        // Unticked, the checkbox sends nothing: the follows disappear again.
        await SubmitAsync(ann, "Profile");
        Assert.DoesNotContain("Ada Lovelace", (await anonymous.GetAsync("/u/ann")).Text);
    }

    [Fact]
    public async Task A_reader_with_no_signals_sees_every_section_empty_and_can_still_choose_to_show_follows()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var ann = await Reader.CreateAsync(app, "ann");
        using var browser = await SignInAsync(app, "ann");

        var page = await browser.GetAsync(Page);

        Assert.Contains("No upvotes yet.", page.Text);
        Assert.Contains("No verified authorship yet.", page.Text);
        Assert.Contains("You have not marked any paper “not interested”.", page.Text);
        await SubmitAsync(browser, "Profile", fields: new Dictionary<string, string> { ["show"] = "true" });
        using var anonymous = new BrowserSession(app);
        Assert.Contains("Follows nothing yet.", (await anonymous.GetAsync("/u/ann")).Text);
        Assert.Equal(0, await ann.VersionAsync()); // the profile row exists now, at "no signal yet"
    }
}
