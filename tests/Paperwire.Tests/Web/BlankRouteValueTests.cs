using System.Net;

namespace Paperwire.Tests.Web;

/// <summary>A route value of only spaces reaches a page handler as null: the page says not found, it does not crash.</summary>
public class BlankRouteValueTests
{
    [Theory]
    [InlineData("/collections/ada/%20")]
    [InlineData("/collections/ada/%09%0A")]
    [InlineData("/collections/%20/reading-list")]
    public async Task A_blank_collection_address_is_not_found(string url)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
