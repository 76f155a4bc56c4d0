using System.Net;
using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Http;

namespace Paperwire.Thumbnails;

/// <summary>arXiv asked us to wait (429 or 503): nothing is fetched until <see cref="Wait"/> has passed.</summary>
public sealed class ArxivBusyException(TimeSpan wait, string message) : Exception(message)
{
    public TimeSpan Wait { get; } = wait;
}

/// <summary>
/// Downloads one paper's PDF into a file, politely and warily: one request, a User-Agent that says who asks, redirects
/// followed only on the same host, <c>Retry-After</c> passed up to the worker, and the answer refused as soon as it shows
/// it is no PDF (the <c>%PDF-</c> signature) or grows past <see cref="ThumbnailOptions.MaxPdfBytes"/> — counted while
/// it streams, whatever <c>Content-Length</c> claimed. Pacing between papers is the worker's.
/// </summary>
public sealed class PdfFetcher(HttpClient http, IOptions<ThumbnailOptions> options, TimeProvider clock)
{
    public const string ClientName = "thumbnails";

    /// <summary>PDF readers accept the signature anywhere in the first kilobyte.</summary>
    private const int SignatureWindow = 1024;

    private const int MaxRedirects = 5;

    private static ReadOnlySpan<byte> Signature => "%PDF-"u8;

    /// <summary>The PDF's address for <paramref name="arxivId"/> (old-style ids keep their slash).</summary>
    public Uri AddressOf(string arxivId) =>
        new(options.Value.PdfUrl.Replace(ThumbnailOptions.IdPlaceholder, string.Join('/', arxivId.Split('/').Select(Uri.EscapeDataString)), StringComparison.Ordinal));

    /// <summary>Writes the PDF of <paramref name="arxivId"/> to <paramref name="target"/> (a new file); returns its size.</summary>
    /// <exception cref="ThumbnailFailedException">Not a PDF, too large, not there, or arXiv did not answer usefully.</exception>
    /// <exception cref="ArxivBusyException">arXiv answered 429 or 503.</exception>
    public async Task<long> FetchAsync(string arxivId, string target, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = AddressOf(arxivId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.FetchTimeout);
        try
        {
            var current = url;
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase) || next.Scheme is not ("http" or "https"))
                    {
                        throw new ThumbnailFailedException(ThumbnailOutcome.Unreachable, $"{current} redirected to {next.GetLeftPart(UriPartial.Authority)}, off the host {url.Host}; not followed.");
                    }

                    if (redirects >= MaxRedirects)
                    {
                        throw new ThumbnailFailedException(ThumbnailOutcome.Unreachable, $"{url}: more than {MaxRedirects} redirects.");
                    }

                    current = next;
                    continue;
                }

                Check(response, current, settings);
                return await SaveAsync(response.Content, target, settings.MaxPdfBytes, current, timeout.Token);
            }
        }
        catch (HttpRequestException error)
        {
            throw new ThumbnailFailedException(ThumbnailOutcome.Unreachable, $"{url}: {error.Message}");
        }
        catch (IOException error) when (error is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ThumbnailFailedException(ThumbnailOutcome.Unreachable, $"{url}: the answer broke off ({error.Message}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ThumbnailFailedException(ThumbnailOutcome.Unreachable, $"{url} did not send the PDF within {settings.FetchTimeout.TotalSeconds:N0} s.");
        }
    }

    private void Check(HttpResponseMessage response, Uri url, ThumbnailOptions settings)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            // Never sooner than the usual pace, whatever Retry-After says.
            var asked = RetryAfterDelay.From(response, clock, settings.MaxRetryAfter) ?? settings.BackOff;
            var wait = asked > settings.Delay ? asked : settings.Delay;
            throw new ArxivBusyException(wait, $"{url} answered {status} {response.ReasonPhrase}; pausing for {wait}.");
        }

        if (status is >= 400 and < 500)
        {
            throw new ThumbnailFailedException(ThumbnailOutcome.NotFound, $"{url} answered {status} {response.ReasonPhrase}.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ThumbnailFailedException(ThumbnailOutcome.Unreachable, $"{url} answered {status} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength is { } length && length > settings.MaxPdfBytes)
        {
            throw new ThumbnailFailedException(ThumbnailOutcome.TooLarge, $"{url} is {Size(length)}, over the {Size(settings.MaxPdfBytes)} limit ({ThumbnailOptions.Section}:MaxPdfBytes); not downloaded.");
        }
    }

    private static async Task<long> SaveAsync(HttpContent content, string target, long limit, Uri url, CancellationToken cancellationToken)
    {
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        var head = await body.ReadAtLeastAsync(buffer.AsMemory(0, SignatureWindow), SignatureWindow, throwOnEndOfStream: false, cancellationToken);
        if (buffer.AsSpan(0, head).IndexOf(Signature) < 0)
        {
            var type = content.Headers.ContentType?.MediaType ?? "without a content type";
            throw new ThumbnailFailedException(ThumbnailOutcome.NotPdf, $"{url} did not answer with a PDF (it sent {type}{(head == 0 ? ", empty" : "")}).");
        }

        await using var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        long total = 0;
        for (var read = head; read > 0; read = await body.ReadAsync(buffer, cancellationToken))
        {
            total += read;
            if (total > limit)
            {
                throw new ThumbnailFailedException(ThumbnailOutcome.TooLarge, $"{url} sent more than {Size(limit)} ({ThumbnailOptions.Section}:MaxPdfBytes); download stopped.");
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string Size(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
