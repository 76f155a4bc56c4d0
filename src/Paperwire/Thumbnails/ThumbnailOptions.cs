namespace Paperwire.Thumbnails;

/// <summary>
/// Configuration section <c>Paperwire:Thumbnails</c> (environment: <c>Paperwire__Thumbnails__Enabled=false</c>): the
/// first page of each feed paper's PDF, fetched from arXiv in the background and drawn small (docs/thumbnails.md).
/// </summary>
public sealed class ThumbnailOptions
{
    public const string Section = "Paperwire:Thumbnails";

    public const string IdPlaceholder = "{id}";

    /// <summary>Fetch and draw thumbnails (default on; nothing happens without pdftoppm either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Run the fetching loop on this node (default on; the lease still lets only one node fetch). Off on nodes that
    /// cannot write to <see cref="Directory"/>, and in tests, which run the worker themselves.
    /// </summary>
    public bool Worker { get; set; } = true;

    /// <summary>Where the pictures live; the host sets it to <c>DATA/thumbnails</c> unless configured. Shared storage in a cluster.</summary>
    public string? Directory { get; set; }

    /// <summary>The PDF's address, with <c>{id}</c> for the arXiv id.</summary>
    public string PdfUrl { get; set; } = "https://arxiv.org/pdf/{id}";

    /// <summary>Poppler's <c>pdftoppm</c>: a name looked up on PATH, or a full path.</summary>
    public string Renderer { get; set; } = "pdftoppm";

    /// <summary>Between one PDF request and the next (arXiv asks for no more than one every three seconds).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A PDF larger than this is not downloaded (counted while it streams, whatever Content-Length says).</summary>
    public long MaxPdfBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>How long one PDF download may take.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long pdftoppm may take over one page before it is killed.</summary>
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The picture's width in pixels; its height follows the page.</summary>
    public int Width { get; set; } = 400;

    /// <summary>Papers asked for per run; a run with more left is followed by the next at once.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How often to look for new feed papers when every one has its thumbnail (or its reason).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A paper arXiv did not answer for (network, timeout, 5xx) is asked for again after this long.</summary>
    public TimeSpan RetryUnreachableAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long to pause after a 429 or 503 that names no <c>Retry-After</c>.</summary>
    public TimeSpan BackOff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A <c>Retry-After</c> longer than this is cut to it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);
}
