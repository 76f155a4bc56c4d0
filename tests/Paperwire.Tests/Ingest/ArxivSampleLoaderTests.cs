using Microsoft.EntityFrameworkCore;

namespace Paperwire.Tests.Ingest;

/// <summary>A first start loads the arXiv sample into the catalog in the background while the site serves.</summary>
public class ArxivSampleLoaderTests
{
    [Fact]
    public async Task FirstStart_LoadsTheArxivSampleInTheBackground_WithoutTouchingTheFeed()
    {
        await using var app = await TestApp.StartAsync(arxivSample: true);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        int count;
        while ((count = await app.QueryAsync(db => db.Papers.CountAsync(p => !p.Id.StartsWith("pw-")))) < 4269 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Equal(4269, count);
        Assert.Equal(63, await app.QueryAsync(db => db.FeedEntries.CountAsync()));
        using var response = await app.Client.GetAsync("/api/papers/2505.24868", TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode);
    }
}
