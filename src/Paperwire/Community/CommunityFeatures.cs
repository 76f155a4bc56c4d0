using Paperwire.Community.Authorship;
using Paperwire.Community.Collections;
using Paperwire.Community.Comments;
using Paperwire.Community.Organizations;
using Paperwire.Community.Submissions;
using Paperwire.Community.Votes;

namespace Paperwire.Community;

/// <summary>The community module's table of contents: one Add/Map pair per feature folder.</summary>
public static class CommunityFeatures
{
    public static IServiceCollection AddCommunity(this IServiceCollection services) => services
        .AddVotes()
        .AddSubmissions()
        .AddComments()
        .AddCollections()
        .AddAuthorship()
        .AddOrganizations();

    /// <summary>Community endpoints under <c>/api</c>; every write uses <see cref="CommunityWrites.RequireSignedInWrite"/>.</summary>
    public static RouteGroupBuilder MapCommunityApi(this RouteGroupBuilder api) => api
        .MapVotesApi()
        .MapSubmissionsApi()
        .MapCommentsApi()
        .MapCollectionsApi()
        .MapAuthorshipApi()
        .MapOrganizationsApi();
}
