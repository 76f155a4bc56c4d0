using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Paperwire.Hosting;

/// <summary>Cross-cutting web plumbing: pages, errors, caching, health, static files.</summary>
public static class WebPlatform
{
    public static IServiceCollection AddWebPlatform(this IServiceCollection services)
    {
        // One lenient binder for every bool a form posts, so a checkbox sent as "on" or "maybe" never breaks a page.
        services.AddRazorPages().AddMvcOptions(LenientBooleanBinderProvider.Register);
        services.AddAuthorization();
        services.AddPaperwireRateLimits();
        services.AddProblemDetails();
        services.AddOutputCache(FeedCache.AddPolicies);
        services.AddOptions<FeedCacheOptions>().BindConfiguration(FeedCacheOptions.Section);
        services.AddSingleton<FeedCacheInvalidator>();
        services.AddHostedService(provider => provider.GetRequiredService<FeedCacheInvalidator>());
        services.AddScoped<FeedCache>();
        // Signed-in readers' pages: shared markup with their own parts filled in (SignedIn/ReaderTemplates.cs).
        services.TryAddSingleton<LocalWrites>();
        services.AddSingleton<SignedIn.StampedCache>();
        services.AddSingleton<SignedIn.ReaderStates>();
        services.AddScoped<SignedIn.ReaderParts>();
        services.AddSingleton<SignedIn.LivePartials>();
        services.AddScoped<Pages.FeedWindowViews>();
        services.AddSingleton<PublicAddress>();
        services.AddPaperwireHealthChecks();
        services.AddPaperwireOpenApi();
        services.AddPaperwireCompression();
        services.AddStylesheetBundle();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(TrustReverseProxies);
        return services;
    }

    /// <summary>
    /// Behind a TLS-terminating reverse proxy the app sees plain HTTP from the proxy: X-Forwarded-Proto and
    /// X-Forwarded-For restore the scheme (so cookies are Secure) and the client's address (so rate limits are
    /// per client, not per proxy). Only proxies on loopback are believed, plus the addresses listed in
    /// <c>Paperwire:KnownProxies</c>; from anyone else the headers are ignored, so a client cannot forge them.
    /// </summary>
    private static void TrustReverseProxies(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in configuration.GetSection("Paperwire:KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
    }

    public static WebApplication UseWebPlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Outside the output cache, which keeps one uncompressed copy for every encoding.
        app.UseResponseCompression();
        // Unhandled errors: ProblemDetails for the API, the friendly error page for everything else.
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // HEAD must become GET before an endpoint is chosen, so routing runs here rather than first.
        app.UseHeadAsGet();
        LocalWrites.UseLocalWrites(app);
        app.UseRouting();
        app.UseSecurityHeaders();
        app.UseFingerprintedStaticFiles();
        app.UseApiDocs();
        // Signed-in requests must be known before the output cache, which then never serves or stores them.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseMiddleware<SignedIn.ReaderTemplates>();
        return app;
    }

    public static WebApplication MapWebPlatform(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapStylesheetBundle();
        app.MapOpenApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => !check.Tags.Contains(ReadinessChecks.Tag),
            ResponseWriter = StorageHealthCheck.WriteResponse,
        });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = StorageHealthCheck.WriteResponse });
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
