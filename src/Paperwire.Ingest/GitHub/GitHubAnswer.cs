namespace Paperwire.Ingest.GitHub;

public enum GitHubAnswerKind
{
    /// <summary>200: the repository and its star count.</summary>
    Stars,

    /// <summary>304: unchanged since the stored ETag.</summary>
    NotModified,

    /// <summary>404 or 410: no such (public) repository.</summary>
    Gone,

    /// <summary>403 or 429 for the rate limit: no more requests until <see cref="GitHubAnswer.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>5xx, a timeout, an unreadable answer, a refused connection: try this repository again next run.</summary>
    Failed,
}

/// <summary>What GitHub said about one repository, with its rate-limit headers.</summary>
public sealed record GitHubAnswer(GitHubAnswerKind Kind)
{
    public int? Stars { get; init; }

    public string? ETag { get; init; }

    /// <summary>When a rate-limited client may ask again.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary><c>X-RateLimit-Remaining</c>, when GitHub sent it.</summary>
    public int? Remaining { get; init; }

    /// <summary><c>X-RateLimit-Reset</c>, when GitHub sent it.</summary>
    public DateTimeOffset? Reset { get; init; }

    /// <summary>Why a request failed, in a few words.</summary>
    public string? Reason { get; init; }

    /// <summary>True when no answer came at all (no connection, or none in time), as on an offline install.</summary>
    public bool Unreachable { get; init; }

    /// <summary>A failure about this repository alone (a 403 that is not the rate limit), not about GitHub.</summary>
    public bool AboutRepository { get; init; }
}
