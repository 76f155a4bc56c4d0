namespace Paperwire.Community.Votes;

/// <summary>Registrations and API endpoints of the votes feature (issue 5).</summary>
public static class VotesFeature
{
    public static IServiceCollection AddVotes(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapVotesApi(this RouteGroupBuilder api) => api;
}
