namespace Paperwire.Digests;

/// <summary>The web side of the digest: the schedule (a hosted service). Its pages are Razor Pages under Pages/Digest, found like every other page.</summary>
public static class DigestsFeature
{
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        services.AddOptions<DigestScheduleOptions>().BindConfiguration(DigestOptions.Section + ":Schedule");
        services.AddSingleton<ScheduledDigests>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledDigests>());
        services.AddSingleton<Storage.Coordination.IScheduledJob>(provider => provider.GetRequiredService<ScheduledDigests>());
        services.AddHostedService<DigestHousekeeping>();
        return services;
    }
}
