using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.DemoCorpus;

namespace Paperwire.Ingest;

public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddPaperwireIngest(this IServiceCollection services)
    {
        services.AddScoped<DemoCorpusLoader>();
        return services;
    }
}
