using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Accounts;
using Paperwire.Core.Community;
using Paperwire.E2E.Pages;
using Paperwire.Hosting;
using Paperwire.Storage.Accounts;

namespace Paperwire.E2E.Accessibility;

/// <summary>Who sees a page in the sweep.</summary>
public enum Audience
{
    Everyone,
    SignedIn,
    SignedOut,
}

/// <summary>A page of the sweep, for whom, and the status it answers with (error pages are pages too).</summary>
public sealed record PageVisit(string Path, Audience Audience = Audience.Everyone, int Status = 200);

/// <summary>
/// The app the accessibility sweep browses: the demo corpus, plus what makes each page show all it can. Its reader
/// <see cref="UserName"/> is an admin who upvoted a paper, commented on one, keeps a public collection, follows a
/// category and claimed an authorship, so paper pages, the profile, For you, the interests and the admin pages have
/// their lists, forms and buttons to check. One app for the whole sweep: every combination only reads.
/// </summary>
public sealed class AccessibilitySite : IAsyncLifetime
{
    public const string UserName = "ada";

    /// <summary>A paper with a byline and a category (the demo papers have neither), on the demo corpus' latest day.</summary>
    private const string BylinePaper = "2605.09101";

    private TestApp? app;
    private string? signedIn;

    public TestApp App => app ?? throw new InvalidOperationException("The app has not started.");

    public IReadOnlyList<PageVisit> Visits { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        // Every combination visits the sign-in and subscribe pages: more than their per-address rate limits allow.
        app = await TestApp.StartOnLoopbackAsync(embeddings: true, settings: new Dictionary<string, string?> { [RateLimits.ScaleSetting] = "100" });
        var paper = PaperFactory.InFeed(
            BylinePaper, new DateOnly(2026, 5, 28), upvotes: 3, title: "Reading Papers Without a Mouse", authors: ["Ada Lovelace", "Grace Hopper"]);
        paper.Categories = ["cs.CL"];
        // Every kind of code link and a star count, on the paper page and its card (docs/code-links.md).
        paper.GithubRepo = "https://github.com/ada/mouse-free";
        paper.GithubStars = 1234;
        paper.GitlabRepo = "https://gitlab.com/ada/mouse-free";
        paper.HuggingFaceLinks = ["https://huggingface.co/ada/mouse-free-7b", "https://huggingface.co/datasets/ada/keyboard-traces"];
        paper.ProjectPage = "https://ada.github.io/mouse-free/";
        await app.AddPapersAsync(paper);

        var withOrganization = await app.QueryAsync(db => db.Papers
            .Where(p => p.OrganizationName != null && p.FeedEntry != null)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, Organization = p.OrganizationName! })
            .FirstAsync());
        var (orgPaper, org) = (withOrganization.Id, withOrganization.Organization);
        // Key sentences and keywords on cards and paper pages, as the background job stores them (it is off in tests).
        await app.QueryAsync(async db =>
        {
            foreach (var id in new[] { orgPaper, BylinePaper })
            {
                db.PaperGlances.Add(new Paperwire.Core.Papers.PaperGlance
                {
                    PaperId = id,
                    Version = "test",
                    KeySentence = "We read papers with the keyboard alone, and measure how far each page gets a reader without a mouse.",
                    Keywords = ["keyboard navigation", "screen readers", "WCAG", "focus order", "accessible names"],
                });
            }

            // A thumbnail on the byline paper's card and page, as the thumbnail worker stores one (it is off in tests).
            db.PaperThumbnails.Add(new Paperwire.Core.Papers.PaperThumbnail
            {
                PaperId = BylinePaper,
                Outcome = Paperwire.Core.Papers.ThumbnailOutcome.Stored,
                Width = 400,
                Height = 518,
                AttemptedAt = TestApp.Now,
            });
            var thumbnails = Directory.CreateDirectory(Path.Combine(App.Database.DataDirectory, "thumbnails"));
            await File.WriteAllBytesAsync(Path.Combine(thumbnails.FullName, BylinePaper + ".png"), TestImages.Png(400, 518, 250, 250, 250));
            return await db.SaveChangesAsync();
        });

        using var api = new HttpClient { BaseAddress = app.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateAdminAsync(app));
        await PostAsync(api, $"/api/papers/{orgPaper}/upvote", new { });
        var comment = await PostAsync(api, $"/api/papers/{BylinePaper}/comments", new { text = "Worth reading for the **keyboard** numbers." });
        var collection = await PostAsync(api, "/api/collections", new { name = "Reading list", description = "Papers for the train.", @public = true });
        var collectionId = collection.GetProperty("id").GetInt64();
        await PostAsync(api, $"/api/collections/{collectionId}/items", new { paper = BylinePaper, note = "Start here." });
        await PostAsync(api, $"/api/collections/{collectionId}/items", new { paper = orgPaper });
        await PostAsync(api, "/api/follows", new { kind = "category", name = "cs.CL" });
        await PostAsync(api, $"/api/papers/{BylinePaper}/authorship", new { authorIndex = 0 });
        await app.UntilIndexedAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // A picture of the reader and a logo, so the upload pages show their previews and remove buttons.
            var avatars = scope.ServiceProvider.GetRequiredService<Paperwire.Avatars.AvatarStore>();
            var userId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == UserName).Select(u => u.Id).SingleAsync());
            Assert.Null(await avatars.SetUserAvatarAsync(userId, TestImages.Png(64, 64), CancellationToken.None));
            Assert.Null(await avatars.SetLogoAsync(org, TestImages.Png(64, 64, 200, 30, 30), CancellationToken.None));
        }

        Visits =
        [
            new("/"),
            new("/papers/date/2026-03-05"),
            new("/papers/week"),
            new("/papers/month"),
            new("/papers/trending"),
            new("/search?q=KV+cache+compression"),
            new("/search?q=language+models&category=cs.CL"),
            new($"/papers/{orgPaper}"),
            new($"/papers/{BylinePaper}"),
            new($"/orgs/{org}"),
            new($"/u/{UserName}"),
            new($"/collections/{UserName}/{collection.GetProperty("slug").GetString()}"),
            new($"/collections/{UserName}/{collection.GetProperty("slug").GetString()}/import", Audience.SignedIn),
            new("/digest/subscribe"),
            new("/account/signin", Audience.SignedOut),
            new("/account/signup", Audience.SignedOut),
            new("/account/forgot-password", Audience.SignedOut),
            new("/submit", Audience.SignedOut),
            new("/submit", Audience.SignedIn),
            new("/for-you", Audience.SignedIn),
            new("/account/interests", Audience.SignedIn),
            new("/account/tokens", Audience.SignedIn),
            new("/account/avatar", Audience.SignedIn),
            new($"/orgs/{org}/logo", Audience.SignedIn),
            new("/account/sessions", Audience.SignedIn),
            new("/account/digest", Audience.SignedIn),
            new("/account/delete", Audience.SignedIn),
            new("/account/deleted"),
            new("/collections/mine", Audience.SignedIn),
            new($"/comments/{comment.GetProperty("id").GetInt64()}/edit", Audience.SignedIn),
            new("/admin/claims", Audience.SignedIn),
            new("/admin/organizations", Audience.SignedIn),
            new("/admin/status", Audience.SignedIn),
            new("/papers/2504.99999", Status: 404),
            new("/thumbnails/2504.99999.png", Status: 404),
            new("/papers/date/2026-13-45", Status: 400),
            new("/papers/week?date=2026-02-30", Status: 400),
        ];
    }

    /// <summary>The reader's cookies, signed in once through the sign-in page, for every signed-in context of the sweep.</summary>
    public async Task<string> SignedInStateAsync(AppInBrowser site)
    {
        if (signedIn is null)
        {
            await using var context = await site.NewContextAsync(on: App);
            await AccountPages.SignInAsync(await context.NewPageAsync(), UserName);
            signedIn = await context.StorageStateAsync();
        }

        return signedIn;
    }

    private static async Task<string> CreateAdminAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        var user = new PaperwireUser { UserName = UserName, Email = $"{UserName}@example.org", EmailConfirmed = true, JoinedAt = TestApp.Now };
        var created = await users.CreateAsync(user, AccountPages.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "accessibility sweep", CancellationToken.None);
        return token!.Value.Secret;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
