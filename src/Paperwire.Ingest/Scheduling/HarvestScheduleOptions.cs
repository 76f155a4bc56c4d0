namespace Paperwire.Ingest.Scheduling;

/// <summary>Configuration section <c>Ingest:Schedule</c>: the daily OAI-PMH harvest a serving node runs.</summary>
public sealed class HarvestScheduleOptions
{
    public const string Section = "Ingest:Schedule";

    public bool Enabled { get; set; } = true;

    /// <summary>OAI sets to harvest, comma-separated (<c>cs</c>, <c>cs,stat</c>, <c>physics:hep-th</c>).</summary>
    public string Sets { get; set; } = "cs";

    /// <summary>
    /// When to run each day, in UTC. arXiv announces new papers around 00:00 UTC (20:00 US Eastern) on
    /// weekdays; 02:00 UTC leaves its OAI endpoint time to catch up.
    /// </summary>
    public TimeOnly TimeUtc { get; set; } = new(2, 0);

    /// <summary>How many days back each run asks for; overlapping days are harmless (upserts are idempotent).</summary>
    public int LookbackDays { get; set; } = 3;

    public IReadOnlyList<string> SetList => [.. Sets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
