namespace Paperwire.Storage.Links;

/// <summary>
/// What GitHub last said about one repository, which any number of papers may link to: its star count, the
/// <c>ETag</c> to ask again with (a 304 costs nothing against the rate limit), and when it was asked.
/// </summary>
public sealed class GithubRepository
{
    public const int KeyLength = 140;

    /// <summary><c>owner/repo</c>, lower-cased (GitHub's names are case-insensitive).</summary>
    public required string Key { get; set; }

    public int? Stars { get; set; }

    public string? ETag { get; set; }

    /// <summary>The last answer GitHub gave (200, 304, 404); null until one came.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>GitHub answered 404 or 410: the repository is gone or private. Asked again only after a month.</summary>
    public bool Gone { get; set; }
}
