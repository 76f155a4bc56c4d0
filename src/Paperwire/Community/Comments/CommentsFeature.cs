namespace Paperwire.Community.Comments;

/// <summary>Registrations and API endpoints of the comments feature (issue 5).</summary>
public static class CommentsFeature
{
    public static IServiceCollection AddComments(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder api) => api;
}
