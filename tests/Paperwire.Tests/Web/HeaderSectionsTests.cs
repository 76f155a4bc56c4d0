using System.Net;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Web;

/// <summary>The header's Daily / Weekly / Monthly … links show which section the reader is in, and the site has an icon.</summary>
public partial class HeaderSectionsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", "Daily")]
    [InlineData("/papers/date/2026-03-05", "Daily")]
    [InlineData("/papers/week/2026-W10", "Weekly")]
    [InlineData("/papers/month/2026-03", "Monthly")]
    [InlineData("/papers/trending", "Trending")]
    [InlineData("/search?q=wavemix", null)]
    public async Task The_current_section_and_only_it_is_marked(string path, string? current)
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.Client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = SectionsNav().Match(await response.Content.ReadAsStringAsync(Cancel)).Value;

        var marked = CurrentLink().Matches(header).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(current is null ? [] : [current], marked);
        Assert.Equal(6, Regex.Count(header, "<a href="));
    }

    [Fact]
    public async Task Every_page_links_an_icon_that_is_served()
    {
        await using var app = await TestApp.StartAsync();
        var html = await app.Client.GetStringAsync("/", Cancel);
        var href = IconLink().Match(html).Groups[1].Value;
        Assert.StartsWith("/favicon.svg", href, StringComparison.Ordinal);

        using var icon = await app.Client.GetAsync(href, Cancel);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await icon.Content.ReadAsStringAsync(Cancel));
    }

    [GeneratedRegex("""<nav aria-label="Feed views">[\s\S]*?</nav>""")]
    private static partial Regex SectionsNav();

    [GeneratedRegex("""<a href="[^"]*" aria-current="page">([^<]*)</a>""")]
    private static partial Regex CurrentLink();

    [GeneratedRegex("""<link rel="icon" href="([^"]+)" type="image/svg\+xml">""")]
    private static partial Regex IconLink();
}
