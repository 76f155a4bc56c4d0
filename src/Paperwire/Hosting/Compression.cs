using Microsoft.AspNetCore.ResponseCompression;

namespace Paperwire.Hosting;

/// <summary>
/// Brotli or gzip, whichever the client prefers, for pages, JSON, feeds and text assets. Also over HTTPS: no
/// response carries a secret that repeats next to text an attacker chooses (BREACH), see docs/security.md.
/// </summary>
public static class Compression
{
    public static readonly string[] FeedMediaTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json"];

    public static IServiceCollection AddPaperwireCompression(this IServiceCollection services) => services.AddResponseCompression(options =>
    {
        options.EnableForHttps = true;
        options.Providers.Add<BrotliCompressionProvider>();
        options.Providers.Add<GzipCompressionProvider>();
        options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, .. FeedMediaTypes, "application/problem+json", "text/markdown", "image/svg+xml"];
    });
}
