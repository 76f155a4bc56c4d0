using System.Net;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Web;

/// <summary>The day, week and month pages: Daily / Weekly / Monthly tabs around the same date, and a date picker that works without script.</summary>
public partial class FeedWindowTabsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Papers on Tue 3 Mar, Thu 5 Mar and Mon 30 Mar 2026 (week 14 reaches into April).</summary>
    private static async Task<TestApp> StartAsync()
    {
        var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2603.00001", new DateOnly(2026, 3, 3), title: "First of March"),
            PaperFactory.InFeed("2603.00002", new DateOnly(2026, 3, 5), title: "Thursday paper"),
            PaperFactory.InFeed("2603.00003", new DateOnly(2026, 3, 30), title: "Last week of March"));
        return app;
    }

    [Theory]
    [InlineData("/papers/date/2026-03-05", "Daily", "/papers/date/2026-03-05", "/papers/week/2026-W10", "/papers/month/2026-03")]
    [InlineData("/papers/week/2026-W10", "Weekly", "/papers/date/2026-03-05", "/papers/week/2026-W10", "/papers/month/2026-03")]
    [InlineData("/papers/month/2026-03", "Monthly", "/papers/date/2026-03-30", "/papers/week/2026-W14", "/papers/month/2026-03")]
    // A period without papers: the tabs start from its first day.
    [InlineData("/papers/week/2026-W12", "Weekly", "/papers/date/2026-03-16", "/papers/week/2026-W12", "/papers/month/2026-03")]
    public async Task The_tabs_open_the_day_week_and_month_of_the_same_date_and_mark_the_current_one(
        string path, string current, string daily, string weekly, string monthly)
    {
        await using var app = await StartAsync();

        var tabs = PeriodTabs().Match(await GetHtmlAsync(app, path)).Value;

        var links = TabLink().Matches(tabs).Select(m => (Href: m.Groups["href"].Value, Current: m.Groups["current"].Success, Label: m.Groups["label"].Value)).ToList();
        Assert.Equal(new[] { ("Daily", daily), ("Weekly", weekly), ("Monthly", monthly) }, links.Select(l => (l.Label, l.Href)));
        Assert.Equal(new[] { current }, links.Where(l => l.Current).Select(l => l.Label));
    }

    [Theory]
    [InlineData("/papers/date/2026-03-05", "/papers/date", "2026-03-05", "2026-03-03", "2026-03-30")]
    [InlineData("/papers/week/2026-W10", "/papers/week", "2026-03-05", "2026-03-02", "2026-04-05")]
    [InlineData("/papers/month/2026-03", "/papers/month", "2026-03-30", "2026-03-01", "2026-03-31")]
    public async Task The_date_picker_is_a_get_form_bounded_by_the_feeds_first_and_last_periods(string path, string action, string value, string min, string max)
    {
        await using var app = await StartAsync();

        var form = Regex.Replace(DatePicker().Match(await GetHtmlAsync(app, path)).Value, @"\s+", " ");

        Assert.Contains($"""<form class="date-picker" method="get" action="{action}">""", form, StringComparison.Ordinal);
        Assert.Contains($"""type="date" name="date" required value="{value}" min="{min}" max="{max}">""", form, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", form, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/papers/date?date=2026-03-04", "/papers/date/2026-03-04")]
    [InlineData("/papers/week?date=2026-03-04", "/papers/week/2026-W10")]
    [InlineData("/papers/month?date=2026-03-04", "/papers/month/2026-03")]
    [InlineData("/papers/week?date=2027-01-01", "/papers/week/2026-W53")]
    [InlineData("/papers/date?date=0001-01-01", "/papers/date/0001-01-01")]
    public async Task Picking_a_date_opens_the_period_that_contains_it(string url, string location)
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync(url, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/papers/date?date=2026-02-30")]
    [InlineData("/papers/date?date=9999-12-31")]
    [InlineData("/papers/week?date=9999-12-30")]
    [InlineData("/papers/month?date=9999-12-01")]
    [InlineData("/papers/date?date=tomorrow")]
    [InlineData("/papers/week?date=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/papers/month?date=2026-03-04T00:00")]
    public async Task A_date_that_is_not_one_gets_a_friendly_400_page(string url)
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync(url, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is not a date like 2025-04-07", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_date_opens_the_latest_period()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync("/papers/week?date=", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/papers/week/2026-W14", response.Headers.Location?.OriginalString);
    }

    private static async Task<string> GetHtmlAsync(TestApp app, string url)
    {
        using var response = await app.Client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    [GeneratedRegex("""<nav class="tabs period-tabs" aria-label="Period">[\s\S]*?</nav>""")]
    private static partial Regex PeriodTabs();

    [GeneratedRegex("""<a href="(?<href>[^"]+)"(?<current> aria-current="page")?>(?<label>[^<]+)</a>""")]
    private static partial Regex TabLink();

    [GeneratedRegex("""<form class="date-picker"[\s\S]*?</form>""")]
    private static partial Regex DatePicker();
}
