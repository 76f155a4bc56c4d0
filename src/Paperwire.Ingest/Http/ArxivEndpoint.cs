using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Http;

/// <summary>
/// The one arXiv address a harvest talks to: the configured one or the <c>--base-url</c> override.
/// Every request, and every redirect, must stay on its host.
/// </summary>
public sealed class ArxivEndpoint
{
    private ArxivEndpoint(Uri baseUrl) => BaseUrl = baseUrl;

    public Uri BaseUrl { get; }

    public string Host => BaseUrl.Host;

    /// <summary>
    /// <paramref name="overrideUrl"/> (from <c>--base-url</c>) when given, else <paramref name="configured"/>;
    /// <paramref name="setting"/> names where the configured one came from, for the error message.
    /// </summary>
    public static ArxivEndpoint Resolve(string? overrideUrl, string configured, string setting)
    {
        var (text, source) = string.IsNullOrWhiteSpace(overrideUrl) ? (configured, setting) : (overrideUrl.Trim(), "--base-url");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidInputException($"{source}: '{text}' is not an http(s) address like https://export.arxiv.org/api/query.");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new InvalidInputException($"{source}: give the endpoint without a query string ({url.GetLeftPart(UriPartial.Path)}).");
        }

        return new ArxivEndpoint(url);
    }

    /// <summary>The endpoint with <paramref name="query"/> (already escaped) appended.</summary>
    public Uri WithQuery(string query) => new($"{BaseUrl.GetLeftPart(UriPartial.Path)}?{query}");

    /// <summary>Refuses an address on another host: arXiv content comes from arXiv (or the mirror the operator chose).</summary>
    public void EnsureSameHost(Uri url)
    {
        if (!string.Equals(url.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException(
                $"{url.GetLeftPart(UriPartial.Path)} is not on the arXiv host {Host}; refusing to fetch it. " +
                $"Set {ArxivOptions.Section} or --base-url to the host you mean to harvest.");
        }
    }

    public override string ToString() => BaseUrl.ToString();
}
