using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Paperwire.Core.Operations;

namespace Paperwire.Operations;

/// <summary>
/// <c>/metrics</c> for Prometheus (docs/operations.md): ASP.NET Core's and Kestrel's own meters (request rates and
/// latencies), the .NET runtime's, and Paperwire's (<see cref="PaperwireMetrics"/>). Opt-in; see <see cref="MetricsOptions"/>
/// for who may read it.
/// </summary>
public static class MetricsFeature
{
    public const string Path = "/metrics";

    /// <summary>The meters exported besides Paperwire's own.</summary>
    public static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "System.Runtime"];

    /// <summary>Metrics and the status page. Call after the host's addresses are set: the management port joins them.</summary>
    public static WebApplicationBuilder AddPaperwireOperations(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        // Settings that cannot work stop `serve` with the reason, before anything listens.
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidation>();
        builder.Services.AddSingleton<OperationalReadingsSource>();
        builder.Services.AddScoped<StatusReport>();
        builder.Services.AddSingleton<ProcessStart>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ProcessStart>());
        if (!options.Enabled || options.Problem() is not null)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("paperwire", serviceVersion: StatusReport.Version))
            .WithMetrics(metrics => metrics
            .AddMeter(PaperwireMetrics.MeterName)
            .AddMeter(FrameworkMeters)
            // Every scrape collects afresh: Prometheus asks every 15 s or so, and a cached answer would hide a change.
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));

        if (options.ManagementPort is { } port)
        {
            var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
            builder.WebHost.UseUrls([.. (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), options.ManagementUrl(port)]);
        }

        return builder;
    }

    /// <summary>
    /// Ahead of everything else, so a scrape costs no session lookup, rate-limit slot or page middleware. With a
    /// management port, <c>/metrics</c> on a public address falls through to the app, which has no such page (404),
    /// and the management port serves only <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>. The port is the one the
    /// connection arrived on, never the Host header, which the client chooses.
    /// </summary>
    public static WebApplication UsePaperwireMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled || options.Problem() is not null)
        {
            return app;
        }

        var port = options.ManagementPort;
        var token = options.HasToken ? SHA256.HashData(Encoding.UTF8.GetBytes(options.Token!)) : null;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == Path && (port is null || context.Connection.LocalPort == port),
            path: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (token is not null && !Authorized(context.Request, token))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
                    await context.Response.WriteAsync("Send the metrics token as 'Authorization: Bearer TOKEN' (Metrics:Token).\n", context.RequestAborted);
                    return;
                }

                await context.RequestServices.GetRequiredService<OperationalReadingsSource>().RefreshAsync(context.RequestAborted);
                await next(context);
            }),
            optionsName: null);
        if (port is { } management)
        {
            // The management port is for probes, not readers: pages and the API stay on the public addresses.
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort == management && context.Request.Path != "/healthz" && context.Request.Path != "/readyz")
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        return app;
    }

    /// <summary>Compares hashes in constant time, so the answer's timing tells nothing about the token.</summary>
    private static bool Authorized(HttpRequest request, byte[] expected)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(sent, expected);
    }
}

internal sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
