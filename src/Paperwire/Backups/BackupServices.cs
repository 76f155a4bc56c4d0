using Paperwire.Hosting;

namespace Paperwire.Backups;

/// <summary>Backups: the writer every host has (the <c>backup</c> command uses it), and the schedule a serving node runs.</summary>
public static class BackupServices
{
    public static IServiceCollection AddBackups(this IServiceCollection services, PaperwireSettings settings)
    {
        services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.Section)
            .PostConfigure(o => o.Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Directory) ? Path.Combine(settings.DataDirectory, "backups") : o.Directory))
            .Validate(o => !o.IsScheduled || o.TimeUtc is not null, "Backup:Schedule must be a UTC time of day such as 03:30 (or empty for no scheduled backups).")
            .Validate(o => o.Keep >= 1, "Backup:Keep must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<BackupWriter>();
        return services;
    }

    public static IServiceCollection AddScheduledBackups(this IServiceCollection services)
    {
        services.AddSingleton<ScheduledBackups>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledBackups>());
        services.AddSingleton<Storage.Coordination.IScheduledJob>(provider => provider.GetRequiredService<ScheduledBackups>());
        return services;
    }
}
