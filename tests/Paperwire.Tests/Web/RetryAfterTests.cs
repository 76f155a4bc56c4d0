using System.Net;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Web;

/// <summary>A limited client is told how long the limit lasts, not a fixed minute.</summary>
public class RetryAfterTests
{
    [Fact]
    public async Task The_21st_submission_in_an_hour_is_told_to_wait_more_than_a_minute()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var user = await TestUser.CreateAsync(app, "ada");

        for (var attempt = 1; attempt <= 20; attempt++)
        {
            using var refused = await user.SendAsync(HttpMethod.Post, "/api/papers/submit", new { paper = "not an arXiv id" });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var limited = await user.SendAsync(HttpMethod.Post, "/api/papers/submit", new { paper = "not an arXiv id" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.FromMinutes(1) && retryAfter <= TimeSpan.FromHours(1), $"Retry-After: {retryAfter}");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Slow down: ", await ApiMethodTests.AssertErrorMessageAsync(limited), StringComparison.Ordinal); // what huggingface_hub shows
    }
}
