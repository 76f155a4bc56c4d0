using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Storage;

namespace Paperwire.Tests.Web;

/// <summary>Cached pages: keyed on what they read, refreshed when the catalog changes, whoever changed it.</summary>
public class OutputCacheTests
{
    private static readonly DateOnly Day = new(2025, 4, 8);

    [Fact]
    public async Task DayPage_IgnoresJunkParameters_ButNotThePageNumber()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.00001", Day, title: "Original title"));
        Assert.Contains("Original title", await GetAsync(app, "/papers/date/2025-04-08"));

        await RetitleBehindTheCachesBackAsync(app, "Quietly changed");

        Assert.Contains("Original title", await GetAsync(app, "/papers/date/2025-04-08?utm_source=x")); // same entry
        Assert.Contains("Quietly changed", await GetAsync(app, "/papers/date/2025-04-08?p=0")); // a real key
    }

    [Fact]
    public async Task DailyPapersApi_IgnoresJunkParameters_ButNotItsOwn()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.00001", Day, title: "Original title"));
        Assert.Contains("Original title", await GetAsync(app, "/api/daily_papers?date=2025-04-08"));

        await RetitleBehindTheCachesBackAsync(app, "Quietly changed");

        Assert.Contains("Original title", await GetAsync(app, "/api/daily_papers?date=2025-04-08&junk=1"));
        Assert.Contains("Quietly changed", await GetAsync(app, "/api/daily_papers?date=2025-04-08&limit=10"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AWriteFromAnotherWriter_ReachesCachedPagesWithinThePollInterval(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.00001", Day, title: "First paper"));
        Assert.DoesNotContain("Second paper", await GetAsync(app, "/papers/date/2025-04-08"));

        // As `paperwire import` in another process would: through the catalog writer, no explicit eviction.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync(
                [PaperFactory.InFeed("2504.00002", Day, title: "Second paper")], mirrorsFeed: false, TestContext.Current.CancellationToken);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string html;
        while (!(html = await GetAsync(app, "/papers/date/2025-04-08")).Contains("Second paper", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Contains("Second paper", html);
    }

    [Fact]
    public async Task PaperPage_CachesHtmlAndMarkdownSeparately()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.00001", Day, title: "Both formats"));
        Assert.Contains("<h1>Both formats</h1>", await GetAsync(app, "/papers/2504.00001"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/papers/2504.00001");
        request.Headers.Accept.ParseAdd("text/markdown");
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Both formats", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Changes stored data without touching the change sequence, so only a cache miss can show it.</summary>
    private static Task<int> RetitleBehindTheCachesBackAsync(TestApp app, string title) =>
        app.QueryAsync(db => db.Papers.ExecuteUpdateAsync(p => p.SetProperty(x => x.Title, title)));

    private static async Task<string> GetAsync(TestApp app, string url)
    {
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
