using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Paperwire.E2E.Accessibility;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>The screen the sweep browses on.</summary>
public enum Screen
{
    Desktop,
    Phone,
}

/// <summary>
/// Every page (<see cref="AccessibilitySite.Visits"/>) in light and dark mode, on a desktop and a phone screen, signed
/// in and out: axe-core finds no violation (the bar is none of serious or critical impact; today there is none of any
/// impact, so a moderate one such as a skipped heading level fails too), the page trips no Content Security Policy,
/// and on a phone no form field is small enough for iOS to zoom into it and nothing scrolls sideways. One app and one
/// browser for all; each combination is a browser context visiting the pages in turn.
/// </summary>
public sealed class AccessibilityTests(AppInBrowser site, AccessibilitySite a11y) : IClassFixture<AccessibilitySite>
{
    [Theory]
    [InlineData(ColorScheme.Light, Screen.Desktop, Audience.SignedOut)]
    [InlineData(ColorScheme.Dark, Screen.Desktop, Audience.SignedOut)]
    [InlineData(ColorScheme.Light, Screen.Phone, Audience.SignedOut)]
    [InlineData(ColorScheme.Dark, Screen.Phone, Audience.SignedOut)]
    [InlineData(ColorScheme.Light, Screen.Desktop, Audience.SignedIn)]
    [InlineData(ColorScheme.Dark, Screen.Desktop, Audience.SignedIn)]
    [InlineData(ColorScheme.Light, Screen.Phone, Audience.SignedIn)]
    [InlineData(ColorScheme.Dark, Screen.Phone, Audience.SignedIn)]
    public async Task Every_page_passes_axe_and_trips_no_content_security_policy(ColorScheme scheme, Screen screen, Audience audience)
    {
        AxeCore.Require();
        var phone = screen == Screen.Phone;
        var signedIn = audience == Audience.SignedIn ? await a11y.SignedInStateAsync(site) : null;
        await using var context = await site.NewContextAsync(phone ? 390 : 1280, phone ? 844 : 900, scheme, a11y.App, signedIn);
        var checks = await PageChecks.AttachAsync(context);
        var page = await context.NewPageAsync();

        var failures = new List<string>();
        var visits = a11y.Visits.Where(v => v.Audience == Audience.Everyone || v.Audience == audience).ToList();
        foreach (var visit in visits)
        {
            var response = await page.GotoAsync(visit.Path, new() { WaitUntil = WaitUntilState.Commit });
            Assert.Equal(visit.Status, response?.Status);
            // Colours and layout need the stylesheets: the load event, not only the parsed HTML.
            await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 50 });
            if (signedIn is not null)
            {
                await Expect(page.Locator(".site-header .account").GetByRole(AriaRole.Link, new() { Name = AccessibilitySite.UserName, Exact = true })).ToBeVisibleAsync();
            }

            failures.AddRange((await checks.RunAsync(page, phone)).Select(p => $"{visit.Path}: {p}"));
        }

        Assert.True(failures.Count == 0, $"{scheme}, {screen}, {audience}: {failures.Count} problems on {visits.Count} pages:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_checks_catch_a_blocked_inline_style_and_an_image_without_a_text_alternative()
    {
        AxeCore.Require();
        await using var context = await site.NewContextAsync();
        var checks = await PageChecks.AttachAsync(context);
        // A page that breaks the rules on purpose, under the site's own policy, answered by the browser itself.
        await context.RouteAsync("**/__tests/broken", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = Paperwire.Hosting.SecurityHeaders.ContentSecurityPolicy },
            Body = """
                <!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
                <body><main><h1>Broken</h1><p style="color: #777">Styled inline</p><img src="/x.png"></main></body></html>
                """,
        }));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/__tests/broken");

        var problems = await checks.RunAsync(page, phone: false);

        var found = problems.Select(p => p.Id).ToList();
        Assert.Contains("csp", found);
        Assert.Contains("image-alt", found);
    }

    [Fact]
    public async Task A_keyboard_reader_skips_the_header_and_tabs_straight_into_the_papers()
    {
        await using var context = await site.NewContextAsync();
        var day = await FeedPage.OpenAsync(await context.NewPageAsync(), "/papers/date/2026-03-05");
        var page = day.Page;
        var firstVote = day.Cards.First.Locator(".votes a, .votes button");
        var title = (await day.FirstPaperTitle.InnerTextAsync()).Trim();
        await Expect(firstVote).ToHaveAccessibleNameAsync(new Regex($@"^Sign in to upvote {Regex.Escape(title)}, \d+ upvotes?$"));

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        var tabs = 0;
        while (!await firstVote.EvaluateAsync<bool>("e => e === document.activeElement"))
        {
            // Between them: the Daily/Weekly/Monthly tabs, the pager and the date picker (whose day, month and year are a stop each).
            Assert.True(++tabs <= 12, "twelve Tabs after the skip link and still not on the first paper's upvote");
            await page.Keyboard.PressAsync("Tab");
            Assert.True(
                await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
                $"Tab {tabs} after the skip link left the main content: {await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 120)")}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"The first upvote is {tabs} Tabs after the skip link.");
    }
}
