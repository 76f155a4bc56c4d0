namespace Paperwire.Community.Collections;

/// <summary>Registrations and API endpoints of the collections feature (issue 5).</summary>
public static class CollectionsFeature
{
    public static IServiceCollection AddCollections(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapCollectionsApi(this RouteGroupBuilder api) => api;
}
