using Microsoft.AspNetCore.Http;
using Paperwire.Api;
using Paperwire.Core.Feed;

namespace Paperwire.Tests.Core;

public class DailyPapersRequestTests
{
    private static bool Parse(string query, out FeedQuery feedQuery, out Dictionary<string, string[]> errors)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return DailyPapersRequest.TryParse(new QueryCollection(values), out feedQuery, out errors);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?p=-1", "p")]
    [InlineData("?date=yesterday", "date")]
    [InlineData("?week=2026-W60", "week")]
    [InlineData("?month=2026-13", "month")]
    [InlineData("?date=2026-01-01&week=2026-W01", "date")]
    [InlineData("?sort=random", "sort")]
    public void TryParse_BadParameter_NamesIt(string query, string parameter)
    {
        Assert.False(Parse(query, out _, out var errors));
        Assert.Contains(parameter, errors.Keys);
    }

    [Fact]
    public void TryParse_NoParameters_GivesFirstPageOfFifty()
    {
        Assert.True(Parse("", out var query, out _));
        Assert.Equal(new FeedQuery(null), query);
    }

    [Fact]
    public void TryParse_FullQuery_KeepsEveryPart()
    {
        Assert.True(Parse("?week=2025-W15&submitter=ada&sort=trending&p=2&limit=100", out var query, out _));
        Assert.Equal(FeedWindow.Week(2025, 15), query.Window);
        Assert.Equal("ada", query.Submitter);
        Assert.Equal(FeedSort.Trending, query.Sort);
        Assert.Equal(2, query.Page);
        Assert.Equal(100, query.Limit);
    }
}
