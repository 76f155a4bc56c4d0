using System.Net;
using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.Pipeline;
using Polly;

namespace Paperwire.Ingest.Http;

/// <summary>
/// Fetches one XML page from arXiv: polite (rate limit, retries and <c>Retry-After</c> live in the handlers
/// registered with it), on one host only, and whole: a page that arrives truncated or as something other than
/// XML is fetched again a couple of times, then the harvest stops with a clear message.
/// </summary>
public sealed class ArxivHttpClient(HttpClient http, IOptionsMonitor<ArxivOptions> options, TimeProvider time, ILogger<ArxivHttpClient> logger)
{
    public const string Name = "arxiv";

    private const int MaxRedirects = 5;

    /// <summary>
    /// GETs <paramref name="url"/> and parses it. A 4xx answer that is XML is returned too: OAI-PMH and the
    /// Atom API explain a bad request in the document, and the caller reads that explanation.
    /// </summary>
    public async Task<XDocument> GetXmlAsync(Uri url, ArxivEndpoint endpoint, CancellationToken cancellationToken)
    {
        var retries = Math.Max(0, options.CurrentValue.PageRetries);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryGetXmlAsync(url, endpoint, cancellationToken);
            }
            catch (UnusablePageException error) when (attempt <= retries)
            {
                logger.LogWarning("{Url}: {Problem}; fetching the page again (try {Attempt} of {Tries})", url, error.Message, attempt + 1, retries + 1);
                await Task.Delay(options.CurrentValue.RetryDelay, time, cancellationToken);
            }
            catch (UnusablePageException error)
            {
                throw new InvalidInputException($"{url}: {error.Message}; gave up after {attempt} tries.");
            }
        }
    }

    private async Task<XDocument> TryGetXmlAsync(Uri url, ArxivEndpoint endpoint, CancellationToken cancellationToken)
    {
        endpoint.EnsureSameHost(url);
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            using var response = await SendAsync(current, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (!string.Equals(next.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidInputException(
                        $"{current} redirected to {next.GetLeftPart(UriPartial.Authority)}, which is not the arXiv host {endpoint.Host}; not following it. " +
                        $"Set {ArxivOptions.Section} or --base-url to the host you mean to harvest.");
                }

                if (redirects >= MaxRedirects)
                {
                    throw new InvalidInputException($"{url}: more than {MaxRedirects} redirects.");
                }

                current = next;
                continue;
            }

            var isXml = IsXml(response.Content.Headers.ContentType);
            if (!response.IsSuccessStatusCode && !(isXml && (int)response.StatusCode is >= 400 and < 500))
            {
                var retried = (int)response.StatusCode >= 500 ? $" (after {options.CurrentValue.MaxRetries} retries)" : "";
                throw new InvalidInputException($"{current} answered {(int)response.StatusCode} {response.ReasonPhrase}{retried}.");
            }

            if (!isXml)
            {
                throw new UnusablePageException($"the answer is {response.Content.Headers.ContentType?.MediaType ?? "without a content type"}, not XML");
            }

            return await ReadXmlAsync(response.Content, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new InvalidInputException($"{url}: {error.Message} (after {options.CurrentValue.MaxRetries} retries)");
        }
        catch (ExecutionRejectedException)
        {
            throw new InvalidInputException($"{url} did not answer within {options.CurrentValue.Timeout.TotalSeconds:N0}s (after {options.CurrentValue.MaxRetries} retries).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidInputException($"{url} did not answer in time.");
        }
    }

    private static async Task<XDocument> ReadXmlAsync(HttpContent content, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            throw new UnusablePageException($"the answer broke off ({error.Message})");
        }

        try
        {
            return ArxivXml.Parse(text);
        }
        catch (XmlException error)
        {
            throw new UnusablePageException($"the XML is truncated or malformed ({error.Message})");
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static bool IsXml(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType
        && (mediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase));

    /// <summary>A page worth fetching again: it came, but not whole or not as XML.</summary>
    private sealed class UnusablePageException(string message) : Exception(message);
}
