using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.HuggingFace;

public static class HuggingFaceServiceCollectionExtensions
{
    public const string UserAgent = "Paperwire/1.0";

    /// <summary>Registers <see cref="HuggingFaceImporter"/> and the "huggingface" HTTP client (standard resilience: retries, timeouts, circuit breaker).</summary>
    public static IServiceCollection AddHuggingFaceImport(this IServiceCollection services)
    {
        // A second call would stack a second resilience pipeline on the same client.
        if (services.Any(d => d.ServiceType == typeof(HuggingFaceImporter)))
        {
            return services;
        }

        services.AddHttpClient(HfFeedClient.HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            // A line per request (and a stack trace per refused connection) would drown the import's progress;
            // the importer reports a failed request itself, in one line.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler();
        services.TryAddScoped<ImportPipeline>();
        services.AddScoped<HfFeedClient>();
        services.AddScoped<HuggingFaceImporter>();
        return services;
    }
}
