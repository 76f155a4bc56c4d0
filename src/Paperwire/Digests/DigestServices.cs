using Paperwire.Accounts;

namespace Paperwire.Digests;

/// <summary>The digest's services, shared by the web host and the <c>digest</c> / <c>subscribers</c> commands.</summary>
public static class DigestServices
{
    public static IServiceCollection AddPaperwireDigestServices(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (configuration["Paperwire:PublicBaseUrl"] is { Length: > 0 } url)
                {
                    // Not an absolute address: a relative one, so that validation names the setting.
                    options.PublicBaseUrl = Uri.TryCreate(url, UriKind.Absolute, out var configured) ? configured : new Uri("invalid", UriKind.Relative);
                }

                // Links are resolved relative to it, so a site under a path (https://example.org/papers/) keeps its path.
                if (options.PublicBaseUrl.IsAbsoluteUri && !options.PublicBaseUrl.AbsolutePath.EndsWith('/'))
                {
                    options.PublicBaseUrl = new Uri(options.PublicBaseUrl.AbsoluteUri + "/");
                }
            })
            .Validate(o => o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "http" or "https" && o.PublicBaseUrl.Query.Length == 0, "Paperwire:PublicBaseUrl must be an absolute http(s) address without a query, like https://papers.example.org/.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Smtp.TrustedCertificate) || File.Exists(o.Smtp.TrustedCertificate), "Digests:Smtp:TrustedCertificate names a file that does not exist.")
            .Validate(o => o.HousekeepingInterval > TimeSpan.Zero, "Digests:HousekeepingInterval must be positive.")
            .Validate(o => o.MaxConsecutiveFailures >= 1 && o.MaxAttempts >= 1 && o.BatchSize >= 1, "Digests:MaxConsecutiveFailures, MaxAttempts and BatchSize must be at least 1.");
        services.AddSingleton<DigestTokens>();
        services.AddSingleton<OutgoingMail>();
        services.AddSingleton<DigestComposer>();
        services.AddScoped<DigestSubscriptions>();
        services.AddScoped<DigestOutbox>();
        services.AddScoped<PaperSelection>();
        services.AddScoped<DigestSender>();
        services.AddScoped<DigestRun>();
        services.AddScoped<UnsubscribeMailbox>();
        return services;
    }
}
