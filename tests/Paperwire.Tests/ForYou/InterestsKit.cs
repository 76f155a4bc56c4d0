using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Community.Authorship;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Tests.Accounts;

namespace Paperwire.Tests.ForYou;

/// <summary>A reader with one signal of every kind, and the interests page as a browser uses it.</summary>
internal static partial class InterestsKit
{
    public const string Page = "/account/interests";
    public const string Upvoted = "2605.00011";
    public const string Collected = "2605.00012";
    public const string Authored = "2605.00013";
    public const string Dismissed = "2605.00014";
    public const string DismissedTitle = "Knitting patterns as error-correcting codes";
    public const string Picked = "2605.00015";

    private static readonly DateOnly Day = new(2026, 5, 28);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Papers for each kind of signal and a reader called <paramref name="name"/> who upvoted one, collected one in
    /// "Reading", wrote one (verified), dismissed one, and follows cs.CL, the organization acme and Ada Lovelace.
    /// </summary>
    public static async Task<Reader> ReaderWithEverySignalAsync(TestApp app, string name = "ann")
    {
        var acme = new Organization { Name = "acme", FullName = "ACME Research" };
        await app.AddPapersAsync(
            PaperFactory.InFeed(Upvoted, Day, title: "Upvoted paper on sparse attention", organization: acme),
            PaperFactory.InFeed(Collected, Day, title: "Collected paper on retrieval"),
            PaperFactory.InFeed(Authored, Day, title: "Authored paper on tokenizers", authors: ["Ann Author"]),
            PaperFactory.InFeed(Dismissed, Day, title: DismissedTitle),
            PaperFactory.InFeed(Picked, Day, title: "Picked paper on speech recognition"));
        var reader = await Reader.CreateAsync(app, name);
        await reader.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{Upvoted}/upvote");
        await reader.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/collections", new { name = "Reading" });
        var collection = await app.QueryAsync(db => db.Collections.Where(c => c.OwnerId == reader.UserId).Select(c => c.Id).SingleAsync(Cancel));
        await reader.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/collections/{collection}/items", new { paper = Collected });
        await reader.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{Dismissed}/not-interested");
        await reader.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "cs.CL" });
        await reader.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "organization", name = "acme" });
        await reader.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "author", name = "Ada Lovelace" });
        await VerifyAuthorshipAsync(app, reader.UserId, name, Authored);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Picks come from For you's first-visit forms (ForYouPageTests); here the write path itself.
            Assert.True((await scope.ServiceProvider.GetRequiredService<Paperwire.ForYou.ReaderInterests>().PickAsync(reader.UserId, [Picked], Cancel)).Succeeded);
        }

        return reader;
    }

    /// <summary>A browser signed in as <paramref name="name"/> through the sign-in form.</summary>
    public static async Task<BrowserSession> SignInAsync(TestApp app, string name)
    {
        var browser = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(name)).Status);
        return browser;
    }

    /// <summary>The actions of the page's forms for <paramref name="handler"/> (decoded), in page order.</summary>
    public static List<string> Actions(WebPage page, string handler) =>
        [.. FormAction().Matches(page.Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(a => a.Contains($"handler={handler}", StringComparison.Ordinal))];

    /// <summary>
    /// Submits the one form for <paramref name="handler"/> whose action has <paramref name="parameter"/> among its
    /// query parameters (<c>id=4</c>) or as one's value (a paper id); any when it is empty.
    /// </summary>
    public static async Task<WebPage> SubmitAsync(BrowserSession browser, string handler, string parameter = "", IReadOnlyDictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        bool Matches(string action) => parameter.Length == 0
            || action.Split('?')[^1].Split('&').Select(Uri.UnescapeDataString).Any(p => p == parameter || p.EndsWith("=" + parameter, StringComparison.Ordinal));
        var action = Assert.Single(Actions(page, handler), Matches);
        return await browser.SubmitAsync(page, fields ?? new Dictionary<string, string>(), action);
    }

    /// <summary>Posts straight to a handler with a valid antiforgery token: what a stale or forged form sends.</summary>
    public static async Task<WebPage> PostAsync(BrowserSession browser, string query, IReadOnlyDictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync(Page);
        var token = page.Form(Actions(page, "Profile").Single()).HiddenInputs[WebPage.AntiforgeryField];
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { [WebPage.AntiforgeryField] = token };
        return await browser.PostAsync(Page + query, values);
    }

    /// <summary>Everything stored about readers' signals, for "nothing changed" checks.</summary>
    public static Task<string> SnapshotAsync(TestApp app) => app.QueryAsync(async db =>
    {
        var signals = await db.ReaderSignals.OrderBy(s => s.Id).Select(s => s.UserId + " " + s.Kind + " " + s.Target).ToListAsync(Cancel);
        var votes = await db.Votes.OrderBy(v => v.PaperId).Select(v => v.UserId + " " + v.PaperId).ToListAsync(Cancel);
        var items = await db.CollectionItems.OrderBy(i => i.PaperId).Select(i => i.CollectionId + " " + i.PaperId).ToListAsync(Cancel);
        var profiles = await db.ReaderProfiles.OrderBy(p => p.UserId).Select(p => p.UserId + " " + p.SignalsVersion + " " + p.ShowFollowsOnProfile + " " + p.FeedSecretHash).ToListAsync(Cancel);
        return string.Join("\n", [.. signals, "--", .. votes, "--", .. items, "--", .. profiles]);
    });

    private static async Task VerifyAuthorshipAsync(TestApp app, string userId, string userName, string paperId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        var claim = new AuthorshipClaim { PaperId = paperId, AuthorIndex = 0, UserId = userId, UserName = userName, CreatedAt = TestApp.Now };
        db.AuthorshipClaims.Add(claim);
        await db.SaveChangesAsync(Cancel);
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuthorshipService>().DecideAsync(claim.Id, verify: true, "admin", Cancel)).Succeeded);
    }

    [GeneratedRegex("""<form\b[^>]*\baction="([^"]*)"[^>]*>""")]
    private static partial Regex FormAction();
}
