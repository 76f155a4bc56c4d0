using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.GitHub;
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
        services.AddScoped<CodeLinksBackfill>();
        services.AddGitHubStars();
        return services;
    }

    /// <summary>
    /// The background work a serving node does: the arXiv sample on a first start, local papers matched to arXiv by
    /// title after a start, links filled in for stored papers, the daily harvest and stars refresh.
    /// </summary>
    public static IServiceCollection AddPaperwireIngestWorkers(this IServiceCollection services)
    {
        services.AddHostedService<ArxivSampleLoader>();
        services.AddHostedService<StartupTitleMatch>();
        services.AddHostedService<CodeLinksBackfillWorker>();
        services.AddGitHubStarsSchedule();
        services.AddOptions<HarvestScheduleOptions>().BindConfiguration(HarvestScheduleOptions.Section);
        services.AddSingleton<ScheduledHarvest>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledHarvest>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<ScheduledHarvest>());
        return services;
    }
}
