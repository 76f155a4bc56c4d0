using Paperwire.Accounts;
using Paperwire.Backups;
using Paperwire.Digests;
using Paperwire.ForYou;
using Paperwire.Ingest;
using Paperwire.Ingest.HuggingFace;
using Paperwire.Search;
using Paperwire.SearchWeb;
using Paperwire.Storage;

namespace Paperwire.Hosting;

/// <summary>The registrations the web host and the CLI commands share.</summary>
public static class ApplicationServices
{
    public static IServiceCollection AddPaperwireApplication(this IServiceCollection services, PaperwireSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddPaperwireStorage(settings.Database);
        services.AddPaperwireIngest();
        services.AddHuggingFaceImport();
        services.AddPaperwireSearch(settings.DataDirectory);
        services.AddPaperwireUsers(settings.DataDirectory);
        services.AddForYouRanking();
        services.AddPaperwireDigestServices();
        services.AddScoped<SearchResults>();
        services.AddBackups(settings);
        return services;
    }
}
