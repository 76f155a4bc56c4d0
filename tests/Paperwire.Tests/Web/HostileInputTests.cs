using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Web;

/// <summary>Input a user can type never produces a 500, on either database, and never changes what is stored.</summary>
public class HostileInputTests
{
    private static readonly string[] Urls =
    [
        "/api/daily_papers?submitter=%00",
        "/api/daily_papers?submitter=" + new string('x', 2048),
        "/api/daily_papers?date=%00",
        "/api/daily_papers?p=99999999999999999999",
        "/api/papers/%00",
        "/api/papers/2504.05299%00",
        "/papers/%00",
        "/papers/date/%00",
        "/orgs/%00",
        "/orgs/" + new string('o', 2048),
        "/orgs/%D7%A9%D7%9C%D7%95%D7%9D",
        "/feeds/orgs/%00.rss",
        "/feeds/orgs/%F0%9F%A7%AA.atom",
        "/papers/month/%E2%80%AE2025-01",
    ];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task HostileAddresses_GetA4xx_AndChangeNothing(DatabaseProvider provider)
    {
        // On Kestrel, as in production: the in-memory test server refuses some of these before the app sees them.
        await using var app = await TestApp.StartOnLoopbackAsync(provider);
        var before = await app.QueryAsync(async db => (await db.Papers.CountAsync(), await db.FeedEntries.CountAsync(), await db.Papers.SumAsync(p => p.Upvotes)));

        foreach (var url in Urls)
        {
            using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(before, await app.QueryAsync(async db => (await db.Papers.CountAsync(), await db.FeedEntries.CountAsync(), await db.Papers.SumAsync(p => p.Upvotes))));
    }

    [Fact]
    public async Task PostToAReadOnlyPage_IsRejected_WithoutChangingAnything()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.PostAsync("/api/daily_papers", new StringContent("{}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
