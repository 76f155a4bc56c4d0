using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Indexing;

namespace Paperwire.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Search over this node's index folder (default <paramref name="dataDirectory"/>/search).</summary>
    public static IServiceCollection AddPaperwireSearch(this IServiceCollection services, string dataDirectory)
    {
        services.AddOptions<SearchOptions>()
            .BindConfiguration(SearchOptions.Section)
            .PostConfigure(o => o.IndexDirectory ??= Path.Combine(dataDirectory, "search"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SearchOptions>, EmbeddingModelValidation>();
        services.AddSingleton<ITextEmbedder, ArcticEmbedder>();
        services.AddSingleton<SearchIndexes>();
        services.AddSingleton<PaperSearch>();
        services.AddScoped<CatalogChanges>();
        services.AddScoped<IndexUpdater>();
        services.AddScoped<Reindexer>();
        services.AddScoped<EmbeddingJobs>();
        services.AddScoped<Glance.GlanceJobs>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The background workers that embed this node's share of papers and keep its indexes current.</summary>
    public static IServiceCollection AddPaperwireSearchWorker(this IServiceCollection services)
    {
        services.AddSingleton<EmbeddingWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<EmbeddingWorker>());
        services.AddSingleton<Storage.Coordination.IScheduledJob>(provider => provider.GetRequiredService<EmbeddingWorker>());
        services.AddHostedService<Glance.GlanceWorker>();
        services.AddHostedService<SearchIndexWorker>();
        return services;
    }
}
