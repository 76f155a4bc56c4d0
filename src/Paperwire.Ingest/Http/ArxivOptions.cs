namespace Paperwire.Ingest.Http;

/// <summary>
/// How Paperwire talks to arXiv, bound from the configuration section <c>Ingest:Arxiv</c>
/// (environment: <c>Ingest__Arxiv__MinimumInterval=00:00:03</c>).
/// </summary>
public sealed class ArxivOptions
{
    public const string Section = "Ingest:Arxiv";

    /// <summary>The OAI-PMH endpoint; <c>--base-url</c> overrides it for one harvest.</summary>
    public string OaiBaseUrl { get; set; } = "https://oaipmh.arxiv.org/oai";

    /// <summary>The Atom search API; <c>--base-url</c> overrides it for one harvest.</summary>
    public string ApiBaseUrl { get; set; } = "https://export.arxiv.org/api/query";

    /// <summary>arXiv asks for no more than one request every three seconds per host; counted from the previous answer.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one attempt may take before it is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of one request after a timeout, a network error or a 5xx answer.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's delay; it doubles with every further retry (a <c>Retry-After</c> header wins).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A <c>Retry-After</c> longer than this is cut to it, so a harvest never sleeps for hours.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Further tries of a page that arrived truncated or as something other than XML.</summary>
    public int PageRetries { get; set; } = 2;

    /// <summary>Entries asked of the Atom API per request (arXiv suggests slices of at most 2,000).</summary>
    public int ApiPageSize { get; set; } = 100;

    /// <summary>The operator's e-mail address, sent in the User-Agent so arXiv can reach whoever runs the harvest.</summary>
    public string? Contact { get; set; }
}
