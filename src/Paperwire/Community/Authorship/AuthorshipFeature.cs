namespace Paperwire.Community.Authorship;

/// <summary>Registrations and API endpoints of the authorship feature (issue 5).</summary>
public static class AuthorshipFeature
{
    public static IServiceCollection AddAuthorship(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapAuthorshipApi(this RouteGroupBuilder api) => api;
}
