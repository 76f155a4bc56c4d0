using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.Http;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.GitHub;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>GitHub's API client (<c>GitHub:*</c>) and the stars refresh; <see cref="AddGitHubStarsSchedule"/> runs it daily.</summary>
    public static IServiceCollection AddGitHubStars(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(GitHubStarsRefresher)))
        {
            return services;
        }

        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", "GitHub:BaseUrl must be an http(s) address.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(10), "GitHub:Timeout must be between 0 and 10 minutes.")
            .Validate(o => o.Stars.RecentDays >= 0 && o.Stars.MaxRequestsPerRun >= 0 && o.Stars.MinimumInterval >= TimeSpan.Zero, "GitHub:Stars:RecentDays, MaxRequestsPerRun and MinimumInterval must not be negative.");
        services.TryAddSingleton(TimeProvider.System);
        var github = services.AddHttpClient<GitHubClient>(GitHubClient.Name, (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<GitHubOptions>>().Value;
            // A plain timeout on the wall clock, and no retries: a failed repository waits for the next run. (A resilience
            // pipeline would time out on the injected TimeProvider, which a test's fake clock never moves.)
            client.Timeout = options.Timeout;
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", ArxivUserAgent.Create(options.Contact));
            client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");
            if (!string.IsNullOrWhiteSpace(options.Token))
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token.Trim());
            }
        });
        // A renamed repository answers 301 to its new name; redirects stay few, and the token is never sent on one.
        github.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 3, AutomaticDecompression = DecompressionMethods.All });
        services.AddScoped<GitHubStarsRefresher>();
        return services;
    }

    public static IServiceCollection AddGitHubStarsSchedule(this IServiceCollection services)
    {
        services.AddSingleton<ScheduledGitHubStars>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledGitHubStars>());
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<ScheduledGitHubStars>());
        return services;
    }
}
