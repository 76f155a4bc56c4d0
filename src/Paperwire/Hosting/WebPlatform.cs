using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Paperwire.Hosting;

/// <summary>Cross-cutting web plumbing: pages, errors, caching, health, static files.</summary>
public static class WebPlatform
{
    public static IServiceCollection AddWebPlatform(this IServiceCollection services)
    {
        services.AddRazorPages();
        services.AddAuthorization();
        services.AddPaperwireRateLimits();
        services.AddProblemDetails();
        services.AddOutputCache(FeedCache.AddPolicies);
        services.AddOptions<FeedCacheOptions>().BindConfiguration(FeedCacheOptions.Section);
        services.AddSingleton<FeedCacheInvalidator>();
        services.AddHostedService(provider => provider.GetRequiredService<FeedCacheInvalidator>());
        services.AddScoped<FeedCache>();
        services.AddScoped<Pages.FeedWindowViews>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddOpenApi();
        return services;
    }

    public static WebApplication UseWebPlatform(this WebApplication app)
    {
        // Unhandled errors: ProblemDetails for the API, the friendly error page for everything else.
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        // Signed-in requests must be known before the output cache, which then never serves or stores them.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapWebPlatform(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = StorageHealthCheck.WriteResponse });
        // Served from memory: the ceiling the benchmark compares dynamic pages against.
        app.MapGet("/robots.txt", () => Results.Text(RobotsTxt, "text/plain")).ExcludeFromDescription();
        return app;
    }

    private const string RobotsTxt = """
        User-agent: *
        Allow: /
        Disallow: /api/

        """;
}
