using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;
using Polly;

namespace Paperwire.Ingest.Http;

public static class ArxivHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OAI-PMH and Atom API harvesters and their polite arXiv client: User-Agent with the operator's
    /// contact, retries with exponential backoff on timeouts and 5xx, <c>Retry-After</c> honoured, and at most one
    /// request per host every <see cref="ArxivOptions.MinimumInterval"/>. Options come from <c>Ingest:Arxiv</c> of
    /// <paramref name="configuration"/>, or of the container's <see cref="IConfiguration"/> when none is given.
    /// </summary>
    public static IServiceCollection AddArxivHarvesting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        // A second call would stack a second resilience pipeline and rate limiter on the same client.
        if (services.Any(d => d.ServiceType == typeof(HostRateLimiter)))
        {
            return services;
        }

        var options = services.AddOptions<ArxivOptions>();
        if (configuration is null)
        {
            options.BindConfiguration(ArxivOptions.Section);
        }
        else
        {
            options.Bind(configuration.GetSection(ArxivOptions.Section));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HostRateLimiter>();
        services.AddTransient<RateLimitHandler>();

        var arxiv = services.AddHttpClient<ArxivHttpClient>(ArxivHttpClient.Name, (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<ArxivOptions>>().Value;
            // The resilience pipeline times out each attempt; HttpClient's own timeout would cut retries short.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", ArxivUserAgent.Create(options.Contact));
            client.DefaultRequestHeaders.Accept.ParseAdd("application/xml");
            client.DefaultRequestHeaders.Accept.ParseAdd("text/xml");
            client.DefaultRequestHeaders.Accept.ParseAdd("application/atom+xml");
        });

        // Redirects are followed by ArxivHttpClient, which refuses to leave the arXiv host.
        arxiv.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All });
        arxiv.AddResilienceHandler("arxiv", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ArxivOptions>>().Value;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    // Set before DelayGenerator: switching it off clears the generator.
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = RetryAfterDelay.Generator(time, options.MaxRetryAfter),
                });
            }

            pipeline.AddTimeout(Clamp(options.Timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)));
        });

        // Added after the resilience handler, so inside it: every attempt, retries included, waits its turn.
        arxiv.AddHttpMessageHandler<RateLimitHandler>();

        services.TryAddScoped<ImportPipeline>();
        services.AddScoped<HarvestCheckpoints>();
        services.AddScoped<OaiHarvester>();
        services.AddScoped<ArxivApiHarvester>();
        return services;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
