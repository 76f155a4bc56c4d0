using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Scheduling;
using Paperwire.Storage;

namespace Paperwire.Tests.Ingest;

/// <summary>The daily harvest: when it runs, that one node of many runs it, and that a failure only waits for tomorrow.</summary>
public class ScheduledHarvestTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 4, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2025-01-04T01:00:00Z", "2025-01-04T02:00:00Z")]
    [InlineData("2025-01-04T02:00:00Z", "2025-01-05T02:00:00Z")]
    [InlineData("2025-12-31T23:30:00Z", "2026-01-01T02:00:00Z")]
    public void NextRun_IsTheNextDailySlotStrictlyAfterNow(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ScheduledHarvest.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 0)));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TwoNodesAtOnce_OnlyOneHarvests(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var ran = await Task.WhenAll(Node(services).RunOnceAsync(TestContext.Current.CancellationToken), Node(services).RunOnceAsync(TestContext.Current.CancellationToken));

        Assert.Equal(1, ran.Count(r => r));
        Assert.Equal(3, server.Requests.Count); // one harvest of three pages, not two
        Assert.Equal(5, (await services.PaperIdsAsync()).Count);
        Assert.Equal("2025-01-01", server.Requests[0].Query["from"]); // three days of look-back
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task FailedHarvest_IsLoggedNotThrown_AndNotRetriedTheSameDay(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = (await FixtureServer.StartAsync()).On(_ => true, FixtureResponse.Text(500, "text/plain", "boom"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings, ("MaxRetries", "1"));

        Assert.True(await Node(services).RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await services.PaperIdsAsync());
        // Not twice the same day: the lease outlives the run and expires before tomorrow (see JobLeasesTests).
        Assert.False(await Node(services).RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.True(ScheduledHarvest.LeaseDuration < TimeSpan.FromDays(1));
    }

    /// <summary>One node's scheduler: its own holder id, sharing the database with the others.</summary>
    private static ScheduledHarvest Node(ServiceProvider services) => new(
        services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new HarvestScheduleOptions { Sets = "cs", LookbackDays = 3 }),
        Options.Create(new ArxivTitleMatchOptions()),
        new FakeTimeProvider(Now),
        new TestOutputLogger<ScheduledHarvest>());
}
