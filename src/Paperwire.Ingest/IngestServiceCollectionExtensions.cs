using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Scheduling;
using Paperwire.Ingest.Snapshot;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest;

public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddPaperwireIngest(this IServiceCollection services)
    {
        services.AddOptions<DemoCorpusOptions>().BindConfiguration(DemoCorpusOptions.Section);
        services.AddArxivHarvesting();
        services.AddOptions<ArxivTitleMatchOptions>().BindConfiguration(ArxivTitleMatchOptions.Section);
        services.AddScoped<ArxivTitleMatcher>();
        services.AddScoped<DemoCorpusLoader>();
        services.AddScoped<ArxivSampleSync>();
        services.AddScoped<ImportPipeline>();
        services.AddScoped<SnapshotImporter>();
        return services;
    }

    /// <summary>
    /// The background work a serving node does: the arXiv sample on a first start, local papers matched to arXiv by
    /// title after a start, the daily harvest.
    /// </summary>
    public static IServiceCollection AddPaperwireIngestWorkers(this IServiceCollection services)
    {
        services.AddHostedService<ArxivSampleLoader>();
        services.AddHostedService<StartupTitleMatch>();
        services.AddOptions<HarvestScheduleOptions>().BindConfiguration(HarvestScheduleOptions.Section);
        services.AddSingleton<ScheduledHarvest>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledHarvest>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<ScheduledHarvest>());
        return services;
    }
}
