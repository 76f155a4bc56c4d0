using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Hosting;

namespace Paperwire.Cli;

/// <summary>
/// What commands that work on the database share: resolve --data/--database, migrate, run the action in a service
/// scope, and turn an operator's mistakes into one line and an exit code (<see cref="CliErrors"/>).
/// </summary>
public static class CommandScope
{
    public static async Task<int> RunAsync(ParseResult parseResult, Func<IServiceProvider, Task<int>> action, CancellationToken cancellationToken, Action<IServiceCollection>? services = null)
    {
        var settings = CliErrors.Guard(() => new PaperwireSettings(CommonOptions.ResolveDataDirectory(parseResult), CommonOptions.ResolveDatabase(parseResult)));
        if (settings is null)
        {
            return 2;
        }

        var exit = 0;
        var ran = await CliErrors.RunAsync(async () =>
        {
            using var host = PaperwireCommandHost.Create(settings, services: services);
            await host.MigrateAsync(cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            exit = await action(scope.ServiceProvider);
        });
        return ran != 0 ? ran : exit;
    }
}
