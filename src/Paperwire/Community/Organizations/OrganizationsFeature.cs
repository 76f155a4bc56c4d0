namespace Paperwire.Community.Organizations;

/// <summary>Registrations and API endpoints of the organizations feature (issue 5).</summary>
public static class OrganizationsFeature
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder api) => api;
}
