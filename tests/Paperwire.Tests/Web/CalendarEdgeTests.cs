using System.Net;

namespace Paperwire.Tests.Web;

/// <summary>Dates, weeks and months at the ends of the calendar: a page or a clear 400, never a 500.</summary>
public class CalendarEdgeTests
{
    [Theory]
    [InlineData("/api/daily_papers?date=9999-12-31")]
    [InlineData("/api/daily_papers?week=9999-W52")]
    [InlineData("/api/daily_papers?month=9999-12")]
    [InlineData("/api/daily_papers?date=0000-00-00")]
    [InlineData("/papers/date/9999-12-31")]
    [InlineData("/papers/week/9999-W52")]
    [InlineData("/papers/month/9999-12")]
    [InlineData("/feeds/date/9999-12-31.rss")]
    [InlineData("/feeds/week/9999-W52.atom")]
    [InlineData("/feeds/month/9999-12.json")]
    public async Task Windows_past_the_end_of_the_calendar_get_400(string url)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_first_and_last_windows_of_the_calendar_show_as_empty_pages()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        foreach (var url in new[]
        {
            "/papers/date/9999-12-30", "/papers/date/0001-01-01", "/papers/week/9999-W51", "/papers/week/0001-W01",
            "/papers/month/9999-11", "/papers/month/0001-01", "/api/daily_papers?date=9999-12-30", "/api/daily_papers?week=0001-W01",
            "/feeds/date/9999-12-30.rss", "/feeds/month/0001-01.json",
        })
        {
            using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }
}
