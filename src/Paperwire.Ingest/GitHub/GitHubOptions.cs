namespace Paperwire.Ingest.GitHub;

/// <summary>Configuration section <c>GitHub</c>: where GitHub's REST API is and how Paperwire asks it.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    /// <summary>The REST API's base address; tests and GitHub Enterprise point it elsewhere.</summary>
    public string BaseUrl { get; set; } = "https://api.github.com/";

    /// <summary>
    /// A token (<c>GitHub__Token</c>), sent as <c>Authorization: Bearer</c>. Optional: without one GitHub allows 60
    /// requests an hour, with one 5,000. A token needs no scopes to read public repositories.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How long one request may take; a slower answer counts as a failure for that repository.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whom GitHub can write to about our traffic (in the User-Agent), as for arXiv.</summary>
    public string? Contact { get; set; }

    public GitHubStarsOptions Stars { get; set; } = new();

    public Uri BaseUri => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/", UriKind.Absolute);
}

/// <summary>Configuration section <c>GitHub:Stars</c>: the daily refresh of star counts.</summary>
public sealed class GitHubStarsOptions
{
    public const string Section = "GitHub:Stars";

    public bool Enabled { get; set; } = true;

    /// <summary>When to run each day, in UTC.</summary>
    public TimeOnly TimeUtc { get; set; } = new(4, 30);

    /// <summary>Papers published or in the daily feed within this many days get their stars refreshed daily.</summary>
    public int RecentDays { get; set; } = 14;

    /// <summary>At most this many requests a run, so a large backlog of never-asked repositories is spread over days.</summary>
    public int MaxRequestsPerRun { get; set; } = 1000;

    /// <summary>The pause between two requests: GitHub asks integrators to make requests one after another, not at once.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many failed requests in a row (no connection, no answer in time, 5xx) end a run as "GitHub cannot be reached".</summary>
    public int UnreachableAfter { get; set; } = 3;
}
