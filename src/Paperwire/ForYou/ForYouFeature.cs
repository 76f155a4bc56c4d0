using Paperwire.Recommend;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Vectors;

namespace Paperwire.ForYou;

/// <summary>Registrations and API endpoints of "For you", the personal ranking (issue 12; docs/recommend.md).</summary>
public static class ForYouFeature
{
    /// <summary>The ranking itself, which every host needs: the web app, and <c>digest send</c> for personal picks.</summary>
    public static IServiceCollection AddForYouRanking(this IServiceCollection services) => services
        .AddSingleton(new RecommendOptions())
        .AddSingleton<IPaperVectors, SearchIndexVectors>()
        .AddSingleton<Recommender>()
        .AddSingleton<ReaderModelTrainer>()
        .AddScoped<ReaderSignalsQuery>()
        .AddScoped<DigestPicks>();

    public static IServiceCollection AddForYou(this IServiceCollection services) => services
        .AddSingleton<CandidatePools>()
        .AddSingleton<ReaderModels>()
        .AddScoped<ReaderInterests>()
        .AddScoped<InterestsExporter>()
        .AddScoped<ForYouRanking>()
        .AddScoped<ReaderMarks>()
        .AddScoped<AuthorPapers>()
        .AddScoped<ReaderProfiles>()
        .AddPrivateFeed();

    public static WebApplication MapForYou(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapRecommendationsApi();
        api.MapNotInterestedApi();
        api.MapFollowsApi();
        api.MapInterestsApi();
        app.MapPrivateFeed();
        return app;
    }
}
