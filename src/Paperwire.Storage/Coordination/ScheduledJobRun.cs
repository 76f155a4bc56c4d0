namespace Paperwire.Storage.Coordination;

/// <summary>
/// How a scheduled job's latest run ended, one row per job (harvest, digests, embeddings, backup, …), written by
/// whichever node ran it: what <c>/admin/status</c> shows and the <c>paperwire_jobs_last_success</c> gauge reads.
/// </summary>
public sealed class ScheduledJobRun
{
    public required string Job { get; set; }

    /// <summary><c>succeeded</c> or <c>failed</c> (<see cref="Core.Operations.JobOutcome"/>).</summary>
    public required string Outcome { get; set; }

    /// <summary>What the run did or why it failed, in a line an operator can act on.</summary>
    public string? Message { get; set; }

    /// <summary>The node that ran it (machine name and process id).</summary>
    public required string Node { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>The end of the latest run that succeeded; kept when a later run fails.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }
}
