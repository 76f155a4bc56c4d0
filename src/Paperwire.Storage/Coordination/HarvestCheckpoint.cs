namespace Paperwire.Storage.Coordination;

/// <summary>
/// How far a harvest got: written after every page, so a harvest killed at any point resumes from the
/// last stored page when it runs again with the same parameters.
/// </summary>
public sealed class HarvestCheckpoint
{
    /// <summary>The harvest's parameters as one key, e.g. <c>oai|arXiv|cs|2025-01-01|</c>.</summary>
    public required string Key { get; set; }

    /// <summary>The resumption token for the next page; null when the harvest is complete.</summary>
    public string? ResumptionToken { get; set; }

    public int PagesDone { get; set; }

    public int RecordsDone { get; set; }

    public bool Completed { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
