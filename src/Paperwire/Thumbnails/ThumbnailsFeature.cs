using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Paperwire.Hosting;
using Paperwire.Ingest.Http;
using Paperwire.Pages;

namespace Paperwire.Thumbnails;

/// <summary>
/// Thumbnails (docs/thumbnails.md): the background worker that draws feed papers' first pages, and
/// <c>/thumbnails/{arxivId}.png</c>, which serves them. A thumbnail is drawn once and never replaced under its name, so
/// its address is cached for a year.
/// </summary>
public static class ThumbnailsFeature
{
    private const string Forever = "public, max-age=31536000, immutable";

    public static IServiceCollection AddThumbnails(this IServiceCollection services, PaperwireSettings settings)
    {
        services.AddOptions<ThumbnailOptions>()
            .BindConfiguration(ThumbnailOptions.Section)
            .PostConfigure(o => o.Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Directory) ? Path.Combine(settings.DataDirectory, "thumbnails") : o.Directory))
            .Validate(o => IsPdfUrl(o.PdfUrl), $"{ThumbnailOptions.Section}:PdfUrl must be an http(s) address with {ThumbnailOptions.IdPlaceholder} where the arXiv id goes, such as https://arxiv.org/pdf/{ThumbnailOptions.IdPlaceholder}.")
            .Validate(o => o.Delay >= TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.BackOff >= TimeSpan.Zero, $"{ThumbnailOptions.Section}: Delay and BackOff must not be negative, and PollInterval must be positive.")
            .Validate(o => o.MaxPdfBytes > 0 && o.FetchTimeout > TimeSpan.Zero && o.RenderTimeout > TimeSpan.Zero, $"{ThumbnailOptions.Section}: MaxPdfBytes, FetchTimeout and RenderTimeout must be positive.")
            .Validate(o => o.Width is >= 16 and <= 2000, $"{ThumbnailOptions.Section}:Width must be between 16 and 2000 pixels.")
            .ValidateOnStart();
        services.AddSingleton<ThumbnailFiles>();
        services.AddSingleton<PdfRenderer>();
        services.AddScoped<ThumbnailRecords>();
        services.AddHttpClient<PdfFetcher>(PdfFetcher.ClientName, (provider, client) =>
            {
                // FetchTimeout bounds the whole download; HttpClient's own timeout would cut a large PDF short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", ArxivUserAgent.Create(provider.GetRequiredService<IOptions<ArxivOptions>>().Value.Contact));
                client.DefaultRequestHeaders.Accept.ParseAdd("application/pdf");
            })
            // Redirects are followed by PdfFetcher, which stays on the PDF host.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All });
        services.AddSingleton<ThumbnailWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<ThumbnailWorker>());
        services.AddSingleton<Storage.Coordination.IScheduledJob>(provider => provider.GetRequiredService<ThumbnailWorker>());
        return services;
    }

    public static WebApplication MapThumbnails(this WebApplication app)
    {
        app.MapGet(ThumbnailFiles.UrlPrefix + "{**file}", Serve).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, string? file, ThumbnailFiles files)
    {
        if (!ThumbnailFiles.TryGetArxivId(file, out var arxivId))
        {
            return NotFound(context, "Thumbnails are at /thumbnails/ARXIV-ID.png, for example /thumbnails/2504.05299.png.");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(files.PathOf(arxivId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return NotFound(context, $"There is no thumbnail of {arxivId} (yet).");
        }

        var info = new FileInfo(stream.Name);
        context.Response.Headers.CacheControl = Forever;
        // Never sniffed into anything else, never a document: a direct visit gets no script to run.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var tag = new EntityTagHeaderValue($"\"{stream.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        return TypedResults.File(stream, "image/png", lastModified: info.LastWriteTimeUtc, entityTag: tag);
    }

    /// <summary>No body, so the status-code pages show the friendly page with this message.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.NotFound NotFound(HttpContext context, string message)
    {
        context.Items[PageErrors.MessageKey] = message;
        return TypedResults.NotFound();
    }

    private static bool IsPdfUrl(string? template) =>
        template is not null && template.Contains(ThumbnailOptions.IdPlaceholder, StringComparison.Ordinal)
        && Uri.TryCreate(template.Replace(ThumbnailOptions.IdPlaceholder, "2504.05299", StringComparison.Ordinal), UriKind.Absolute, out var url)
        && url.Scheme is "http" or "https";
}
