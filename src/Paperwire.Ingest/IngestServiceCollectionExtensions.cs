using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;

namespace Paperwire.Ingest;

public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddPaperwireIngest(this IServiceCollection services)
    {
        services.AddOptions<DemoCorpusOptions>().BindConfiguration(DemoCorpusOptions.Section);
        services.AddScoped<DemoCorpusLoader>();
        services.AddScoped<ImportPipeline>();
        services.AddScoped<SnapshotImporter>();
        return services;
    }

    /// <summary>The background work a serving node does: today, loading the arXiv sample on a first start.</summary>
    public static IServiceCollection AddPaperwireIngestWorkers(this IServiceCollection services)
    {
        services.AddHostedService<ArxivSampleLoader>();
        return services;
    }
}
