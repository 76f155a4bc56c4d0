using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Accounts;
using Paperwire.Storage;

namespace Paperwire.Tests.Cluster;

/// <summary>Nodes started together on a fresh database (a deploy of several replicas) all start.</summary>
public class NodesStartingTogetherTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_nodes_creating_the_roles_at_once_both_succeed_and_each_role_exists_once(DatabaseProvider provider)
    {
        await using var a = await TestApp.StartAsync(provider, demo: false);
        await using var b = await TestApp.StartAnotherNodeAsync(a);

        // Several rounds: each is a fresh chance for both nodes to find a role missing before either has written it.
        for (var round = 0; round < 5; round++)
        {
            await a.QueryAsync(db => db.Roles.ExecuteDeleteAsync(TestContext.Current.CancellationToken));
            await Task.WhenAll(Task.Run(() => EnsureRolesAsync(a), TestContext.Current.CancellationToken), Task.Run(() => EnsureRolesAsync(b), TestContext.Current.CancellationToken));

            var roles = await a.QueryAsync(db => db.Roles.Select(r => r.Name!).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(Paperwire.Core.Community.Roles.All.Order(StringComparer.Ordinal), roles.Order(StringComparer.Ordinal));
        }
    }

    private static async Task EnsureRolesAsync(TestApp node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        await AccountServices.EnsureRolesAsync(scope.ServiceProvider);
    }
}
