using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Cli;

/// <summary><c>paperwire db migrate</c>: bring the schema up to date without starting the server.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CliErrors.Guard(() => new PaperwireSettings(
                CommonOptions.ResolveDataDirectory(parseResult),
                CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            return await CliErrors.RunAsync(async () =>
            {
                using var host = PaperwireCommandHost.Create(settings);
                await using var scope = host.Services.CreateAsyncScope();
                var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
                Console.WriteLine(applied.Count == 0
                    ? $"{settings.Database.Describe()} is up to date."
                    : $"Applied {applied.Count} migration(s) to {settings.Database.Describe()}: {string.Join(", ", applied)}");
            });
        });

        var db = new Command("db", "Database administration.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
