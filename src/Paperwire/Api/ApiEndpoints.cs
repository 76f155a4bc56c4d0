using System.Text.Json.Serialization;
using Paperwire.Community;

namespace Paperwire.Api;

/// <summary>The JSON API under <c>/api</c>.</summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddPaperwireApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new UtcTimestampConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return services;
    }

    public static WebApplication MapPaperwireApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Papers");
        api.MapDailyPapersApi();
        api.MapSearchApi();
        api.MapCommunityApi();
        api.MapPapersApi();
        return app;
    }
}
