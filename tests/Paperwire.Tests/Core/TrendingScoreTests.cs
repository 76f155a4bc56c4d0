using Paperwire.Core.Feed;

namespace Paperwire.Tests.Core;

public class TrendingScoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_SameAge_MoreUpvotesRanksHigher() =>
        Assert.True(TrendingScore.Compute(10, Now.AddHours(-5), Now) > TrendingScore.Compute(9, Now.AddHours(-5), Now));

    [Fact]
    public void Compute_SameUpvotes_NewerRanksHigher() =>
        Assert.True(TrendingScore.Compute(10, Now.AddHours(-1), Now) > TrendingScore.Compute(10, Now.AddDays(-1), Now));

    [Fact]
    public void Compute_OldPopularPaper_EventuallyFallsBelowFreshModestOne() =>
        Assert.True(TrendingScore.Compute(5, Now.AddHours(-2), Now) > TrendingScore.Compute(100, Now.AddDays(-14), Now));
}
