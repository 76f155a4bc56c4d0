using Microsoft.Playwright;
using Paperwire.Core.Papers;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>
/// A newcomer joins, puts a paper in today's feed, upvotes and discusses it; and hostile text typed into the
/// community's forms stays text. Each test runs its own app, since it writes: the shared demo app stays as
/// the other browser tests expect it.
/// </summary>
public sealed class CommunityTests(AppInBrowser site)
{
    /// <summary>Today in the test app (its clock stands still): the day a submission lands in the feed.</summary>
    private static readonly DateOnly Today = DateOnly.FromDateTime(TestApp.Now.UtcDateTime);

    /// <summary>Each sets <c>window.__xss</c> if it ever runs.</summary>
    private static readonly string[] XssPayloads =
    [
        "<script>window.__xss = 'script'</script>",
        "<img src=x onerror=\"window.__xss = 'img'\">",
        "<svg onload=\"window.__xss = 'svg'\"></svg>",
        "[click me](javascript:window.__xss='link')",
        "<a href=\"javascript:window.__xss='href'\">tap</a>",
    ];

    [Fact]
    public async Task A_newcomer_signs_up_submits_upvotes_and_comments_and_the_paper_reaches_the_day_page_and_trending()
    {
        await using var app = await TestApp.StartOnLoopbackAsync();
        await app.AddPapersAsync(PaperFactory.InCatalog("2605.09001", Today.AddDays(-3), title: "Gradient Checkpointing for Everyone", authors: ["Ada Lovelace"]));
        await using var context = await site.NewContextAsync(on: app);
        var page = await context.NewPageAsync();

        await AccountPages.SignUpAndConfirmAsync(page, app, "newcomer");
        await AccountPages.SignInAsync(page, "newcomer");

        await page.GotoAsync("/submit");
        await page.GetByLabel("arXiv id or address").FillAsync("https://arxiv.org/abs/2605.09001v2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/papers/2605\\.09001$"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Gradient Checkpointing for Everyone");

        // The button says what it does, to which paper, and the count: not only "0".
        var vote = page.GetByRole(AriaRole.Button, new() { Name = "Upvote Gradient Checkpointing for Everyone, 0 upvotes", Exact = true });
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", "false");
        await vote.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upvote Gradient Checkpointing for Everyone, 1 upvote", Exact = true }))
            .ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("article.paper form.votes .count")).ToHaveTextAsync("1");

        await page.GetByLabel("Add a comment").FillAsync("Worth reading for the **memory** numbers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Expect(page.Locator(".comment-thread strong")).ToHaveTextAsync("memory");

        // Anyone, signed in or not, now finds it on today's page and at the top of trending.
        await using var anonymous = await site.NewContextAsync(on: app);
        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"/papers/date/{Today:yyyy-MM-dd}");
        var card = reader.Locator("article.card", new() { Has = reader.GetByRole(AriaRole.Link, new() { Name = "Gradient Checkpointing for Everyone" }) });
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator(".votes .count")).ToHaveTextAsync("1");
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = "Sign in to upvote Gradient Checkpointing for Everyone, 1 upvote", Exact = true })).ToBeVisibleAsync();
        await Expect(card.Locator(".comments")).ToContainTextAsync("1 comment");
        await Expect(card).ToContainTextAsync("newcomer");

        await reader.GotoAsync("/papers/trending");
        await Expect(reader.Locator("article.card h3").First).ToHaveTextAsync("Gradient Checkpointing for Everyone");
    }

    [Fact]
    public async Task Script_typed_into_a_comment_a_collection_or_a_submission_never_runs()
    {
        await using var app = await TestApp.StartOnLoopbackAsync();
        await app.AddPapersAsync(PaperFactory.InCatalog("2605.09002", Today.AddDays(-1), title: "Sanitizers Considered Helpful"));
        await using var context = await site.NewContextAsync(on: app);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        await AccountPages.SignUpAndConfirmAsync(page, app, "mallory");
        await AccountPages.SignInAsync(page, "mallory");
        var payload = string.Join("\n\n", XssPayloads);

        await page.GotoAsync("/submit");
        await page.GetByLabel("arXiv id or address").FillAsync("2605.09002");
        await page.Locator("#submit-comment").FillAsync(payload);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/papers/2605\\.09002$"));

        await page.GetByLabel("Add a comment").FillAsync(payload);
        await page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Expect(page.Locator(".comment-thread > li")).ToHaveCountAsync(2);

        const string collectionName = "<img src=x onerror=\"window.__xss = 'collection'\"><script>window.__xss = 'collection'</script>";
        await page.GotoAsync("/collections/mine");
        await page.GetByLabel("Name").FillAsync(collectionName);
        await page.Locator("input[name=isPublic]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync(collectionName);

        // Every page that shows what mallory typed, to mallory and to an anonymous reader.
        await using var anonymous = await site.NewContextAsync(on: app);
        var reader = await anonymous.NewPageAsync();
        reader.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        foreach (var viewer in new[] { page, reader })
        {
            foreach (var path in new[] { "/papers/2605.09002", "/u/mallory", $"/papers/date/{Today:yyyy-MM-dd}", page.Url })
            {
                await viewer.GotoAsync(path);
                await viewer.WaitForLoadStateAsync(LoadState.NetworkIdle);
                foreach (var link in await viewer.Locator("main a[href^='javascript:' i]").AllAsync())
                {
                    Assert.Fail($"{path} has a javascript: link: {await link.GetAttributeAsync("href")}");
                }

                Assert.Null(await viewer.EvaluateAsync<string?>("() => window.__xss ?? null"));
            }
        }

        // The text is shown, as text.
        await reader.GotoAsync("/papers/2605.09002");
        await Expect(reader.Locator(".comment-thread").First).ToContainTextAsync("window.__xss");
        await reader.GotoAsync("/u/mallory");
        await Expect(reader.Locator(".collection-list")).ToContainTextAsync("<img src=x");
        Assert.Empty(dialogs);
    }
}
