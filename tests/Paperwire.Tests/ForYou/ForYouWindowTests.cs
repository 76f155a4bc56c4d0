using Microsoft.Extensions.DependencyInjection;
using Paperwire.ForYou;
using Paperwire.Storage;

namespace Paperwire.Tests.ForYou;

/// <summary>For you's tabs widen back in time until they hold enough papers to rank, on SQLite and PostgreSQL.</summary>
public class ForYouWindowTests
{
    private static readonly DateOnly Newest = new(2026, 5, 28);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task WidenAsync_TooFewPapers_StartsAtTheNthNewestPaperDateSkippingWithdrawnOnes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var withdrawn = PaperFactory.InCatalog("2605.00009", Newest.AddDays(-5));
        withdrawn.Withdrawn = true;
        await app.AddPapersAsync(
            PaperFactory.InCatalog("2605.00001", Newest),
            PaperFactory.InCatalog("2605.00002", Newest),
            PaperFactory.InCatalog("2605.00003", Newest),
            withdrawn,
            PaperFactory.InCatalog("2605.00004", Newest.AddDays(-10)),
            PaperFactory.InCatalog("2605.00005", Newest.AddDays(-10)),
            PaperFactory.InCatalog("2604.00006", Newest.AddDays(-50)),
            PaperFactory.InCatalog("2604.00007", Newest.AddDays(-50)));
        var week = ForYouSpan.Week.EndingAt(Newest);

        Assert.Equal(week, await WidenAsync(app, week, 3)); // the week holds three: nothing to widen
        Assert.Equal(week with { From = Newest.AddDays(-10) }, await WidenAsync(app, week, 4)); // not -5: that one is withdrawn
        Assert.Equal(week with { From = Newest.AddDays(-50) }, await WidenAsync(app, week, 6));
        Assert.Equal(week with { From = Newest.AddDays(-50) }, await WidenAsync(app, week, 1000)); // the whole catalog, no further
        var earlier = new CandidateWindow(Newest.AddDays(-12), Newest.AddDays(-8));
        Assert.Equal(earlier with { From = Newest.AddDays(-50) }, await WidenAsync(app, earlier, 3)); // counts only papers up to the window's end
    }

    [Fact]
    public async Task WidenAsync_EmptyCatalog_KeepsTheWindow()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var week = ForYouSpan.Week.EndingAt(Newest);

        Assert.Equal(week, await WidenAsync(app, week, 100));
    }

    private static async Task<CandidateWindow> WidenAsync(TestApp app, CandidateWindow window, int minimum)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ForYouRanking>().WidenAsync(window, minimum, TestContext.Current.CancellationToken);
    }
}
