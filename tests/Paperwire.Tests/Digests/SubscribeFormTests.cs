using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Paperwire.Tests.Digests;

/// <summary>The invitation to get trending papers by email is on every page, error pages included.</summary>
public class SubscribeFormTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_kind_of_page_carries_the_subscribe_form_and_it_leads_to_the_subscribe_page()
    {
        await using var app = await TestApp.StartAsync();
        var paper = await app.QueryAsync(db => db.Papers.Select(p => p.Id).FirstAsync(Cancel));
        string[] pages = ["/", "/papers/trending", "/papers/week/2026-W22", $"/papers/{paper}", "/search?q=language+models", "/account/signin", "/papers/2501.99999"];

        foreach (var path in pages)
        {
            using var response = await app.Client.GetAsync(path, Cancel);
            var html = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(html.Contains("<form class=\"digest-signup\" method=\"get\" action=\"/digest/subscribe\">", StringComparison.Ordinal), $"no subscribe form on {path} ({response.StatusCode})");
        }

        using var subscribe = await app.Client.GetAsync("/digest/subscribe?email=reader%40example.org", Cancel);
        Assert.Equal(HttpStatusCode.OK, subscribe.StatusCode);
        Assert.Contains("reader@example.org", await subscribe.Content.ReadAsStringAsync(Cancel));
    }
}
