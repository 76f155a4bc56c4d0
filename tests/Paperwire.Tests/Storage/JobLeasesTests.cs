using Microsoft.Extensions.DependencyInjection;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Tests.Storage;

/// <summary>Exactly one node holds a job's lease; an expired lease is taken over.</summary>
public class JobLeasesTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SecondNode_CannotTakeAHeldLease_UntilItExpires(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await WithLeases(app, l => l.TryAcquireAsync("harvest", "node-a", Minute, ct)));
        Assert.False(await WithLeases(app, l => l.TryAcquireAsync("harvest", "node-b", Minute, ct)));
        Assert.True(await WithLeases(app, l => l.TryAcquireAsync("harvest", "node-a", Minute, ct))); // renewal
        Assert.True(await WithLeases(app, l => l.TryAcquireAsync("digest", "node-b", Minute, ct))); // other job

        app.Clock.Advance(TimeSpan.FromMinutes(2)); // node-a died and stopped renewing

        Assert.True(await WithLeases(app, l => l.TryAcquireAsync("harvest", "node-b", Minute, ct)));
        Assert.False(await WithLeases(app, l => l.TryAcquireAsync("harvest", "node-a", Minute, ct)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ManyNodesAtOnce_ExactlyOneGetsTheLease(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ct = TestContext.Current.CancellationToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            WithLeases(app, l => l.TryAcquireAsync("harvest", $"node-{i}", Minute, ct))));

        Assert.Equal(1, results.Count(acquired => acquired));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ReleasedLease_IsFreeForTheNextNode(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ct = TestContext.Current.CancellationToken;
        await WithLeases(app, l => l.TryAcquireAsync("harvest", "node-a", Minute, ct));

        await WithLeases(app, async l => { await l.ReleaseAsync("harvest", "node-a", ct); return true; });

        Assert.True(await WithLeases(app, l => l.TryAcquireAsync("harvest", "node-b", Minute, ct)));
    }

    private static async Task<T> WithLeases<T>(TestApp app, Func<JobLeases, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<JobLeases>());
    }
}
