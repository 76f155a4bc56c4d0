using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // Every error answer carries a sentence where huggingface_hub looks for one; and is JSON whatever Accept says.
        services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails += ErrorMessages.Annotate);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonWriter>());
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
