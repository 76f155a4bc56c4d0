using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>
/// What a reader sees around the papers: Daily / Weekly / Monthly tabs and a date picker on the feed windows, the
/// paper page's upvote beside its title, buttons in the page's font with a focus ring, and forms that read top to
/// bottom on a phone.
/// </summary>
public sealed class PageChromeTests(AppInBrowser site)
{
    [Fact]
    public async Task Can_switch_a_day_to_its_week_and_month_with_the_tabs_and_jump_with_the_date_picker_without_script()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        // No script at all: the tabs are links and the picker a plain GET form.
        await context.RouteAsync("**/*.js*", route => route.AbortAsync());
        var day = await FeedPage.OpenAsync(page, "/papers/date/2026-03-05");
        await Expect(day.PeriodTab("Daily")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(day.PeriodTab("Weekly")).Not.ToHaveAttributeAsync("aria-current", "page");

        await day.ClickToNavigateAsync(day.PeriodTab("Weekly"));
        await Expect(page).ToHaveURLAsync(new Regex("/papers/week/2026-W10$"));
        await Expect(day.PeriodTab("Weekly")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(day.PeriodTab("Daily")).Not.ToHaveAttributeAsync("aria-current", "page");

        await day.ClickToNavigateAsync(day.PeriodTab("Monthly"));
        await Expect(page).ToHaveURLAsync(new Regex("/papers/month/2026-03$"));
        await Expect(day.Heading).ToHaveTextAsync("Monthly Papers · March 2026");

        await page.GetByLabel("Go to the month of").FillAsync("2026-02-10");
        await day.ClickToNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Go", Exact = true }));
        await Expect(page).ToHaveURLAsync(new Regex("/papers/month/2026-02$"));

        await day.ClickToNavigateAsync(day.PeriodTab("Daily"));
        await page.GetByLabel("Go to date").FillAsync("2026-03-05");
        await day.ClickToNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Go", Exact = true }));
        await Expect(page).ToHaveURLAsync(new Regex("/papers/date/2026-03-05$"));
        await Expect(day.Cards.First).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_paper_pages_upvote_sits_beside_its_title(int width, int height)
    {
        await using var context = await site.NewContextAsync(width, height);
        var day = await FeedPage.OpenAsync(await context.NewPageAsync(), "/papers/date/2026-03-05");
        var (paper, _) = await day.OpenFirstPaperAsync();
        var vote = paper.Page.Locator("article.paper .paper-title .votes");
        await Expect(vote).ToBeVisibleAsync();

        var voteBox = (await vote.BoundingBoxAsync())!;
        var titleBox = (await paper.Heading.BoundingBoxAsync())!;
        Assert.True(voteBox.X + voteBox.Width <= titleBox.X, $"the upvote ({voteBox.X}+{voteBox.Width}) is not left of the title ({titleBox.X})");
        Assert.True(Math.Abs(voteBox.Y - titleBox.Y) < 12, $"the upvote's top ({voteBox.Y}) is not level with the title's ({titleBox.Y})");
        await Expect(paper.Page.Locator("article.paper > .votes, article.paper > form.votes")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Buttons_take_the_page_font_the_primary_one_stands_out_and_the_keyboard_shows_a_focus_ring()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await SitePage.GoToAsync(page, "/submit");
        var signIn = page.GetByRole(AriaRole.Link, new() { Name = "Sign in to submit" });
        var signUp = page.GetByRole(AriaRole.Link, new() { Name = "Create an account" });
        await Expect(signIn).ToBeVisibleAsync();

        var body = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        var go = page.Locator("footer .digest-signup button");
        Assert.Equal(body, await go.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"));
        // The footer's small print is 14px: the button inherits it, where a browser's default would be 13.33px.
        Assert.Equal(
            await go.EvaluateAsync<string>("e => getComputedStyle(e.parentElement).fontSize"),
            await go.EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
        Assert.NotEqual(
            await signUp.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"),
            await signIn.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await signIn.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(signUp).ToBeFocusedAsync();
        Assert.Equal("solid 2px", await signUp.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth"));
    }

    [Fact]
    public async Task On_a_phone_the_collection_forms_put_each_label_above_a_full_width_field()
    {
        await using var app = await TestApp.StartOnLoopbackAsync();
        await using var context = await site.NewContextAsync(390, 844, on: app);
        var page = await context.NewPageAsync();
        await AccountPages.SignUpAndConfirmAsync(page, app, "collector");
        await AccountPages.SignInAsync(page, "collector");

        await SitePage.GoToAsync(page, "/collections/mine");
        await AssertLabelAboveFieldAsync(page.Locator("label[for=name]"), page.Locator("#name"));
        await AssertLabelAboveFieldAsync(page.Locator("label[for=description]"), page.Locator("#description"));
        await page.GetByLabel("Name").FillAsync("Commute");
        await new SitePage(page).ClickToNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create collection" }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Commute");

        var day = await FeedPage.OpenAsync(page, "/papers/date/2026-03-05");
        var (paper, _) = await day.OpenFirstPaperAsync();
        var form = paper.Page.Locator("form.add-to-collection");
        await Expect(form).ToBeVisibleAsync();
        var formBox = (await form.BoundingBoxAsync())!;
        foreach (var (label, field) in new[] { ("label[for=add-collection]", "#add-collection"), ("label[for=add-note]", "#add-note") })
        {
            await AssertLabelAboveFieldAsync(paper.Page.Locator(label), paper.Page.Locator(field));
            var box = (await paper.Page.Locator(field).BoundingBoxAsync())!;
            Assert.True(box.Width >= formBox.Width - 2, $"{field} is {box.Width}px wide in a {formBox.Width}px form");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the paper page is {widths[0]}px wide on a {widths[1]}px screen");
    }

    private static async Task AssertLabelAboveFieldAsync(ILocator label, ILocator field)
    {
        var labelBox = (await label.BoundingBoxAsync())!;
        var fieldBox = (await field.BoundingBoxAsync())!;
        Assert.True(labelBox.Y + labelBox.Height <= fieldBox.Y + 1, $"label bottom {labelBox.Y + labelBox.Height}, field top {fieldBox.Y}");
        Assert.True(Math.Abs(labelBox.X - fieldBox.X) < 2, $"label left {labelBox.X}, field left {fieldBox.X}");
    }
}
