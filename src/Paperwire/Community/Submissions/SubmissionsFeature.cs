namespace Paperwire.Community.Submissions;

/// <summary>Registrations and API endpoints of the submissions feature (issue 5).</summary>
public static class SubmissionsFeature
{
    public static IServiceCollection AddSubmissions(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapSubmissionsApi(this RouteGroupBuilder api) => api;
}
