using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;

namespace Paperwire.Ingest;

public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddPaperwireIngest(this IServiceCollection services)
    {
        services.AddScoped<DemoCorpusLoader>();
        services.AddScoped<ImportPipeline>();
        services.AddScoped<SnapshotImporter>();
        return services;
    }
}
