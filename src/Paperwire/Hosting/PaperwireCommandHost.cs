namespace Paperwire.Hosting;

/// <summary>A host without a web server, for admin commands that reuse the app's registrations.</summary>
public static class PaperwireCommandHost
{
    /// <param name="configuration">Settings a command's options imply (e.g. <c>Search:EmbeddingDevice</c>), applied last.</param>
    /// <param name="services">Registrations only this command needs (beyond what every command shares).</param>
    public static IHost Create(PaperwireSettings settings, IReadOnlyDictionary<string, string?>? configuration = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        // Commands print their own one-line errors; EF's connection-failure logs would only repeat them.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        // Retries are reported by the command's own summary; Polly's per-attempt stack traces are noise on a terminal.
        builder.Logging.AddFilter("Polly", LogLevel.None);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddPaperwireApplication(settings);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Brings the schema up to date, so every command works on a fresh data folder.</summary>
    public static async Task MigrateAsync(this IHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Storage.DatabaseMigrator>().MigrateAsync(cancellationToken);
    }
}
