using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Paperwire.Core.Operations;

namespace Paperwire.Storage.Coordination;

/// <summary>
/// Records the end of every scheduled job's run (one upsert per run, so any job can report here without a table of
/// its own) and counts it in <c>paperwire_jobs_runs_total</c>.
/// </summary>
public sealed partial class ScheduledJobRuns(PaperwireDbContext db, PaperwireMetrics metrics, TimeProvider clock, ILogger<ScheduledJobRuns> logger)
{
    public const int MessageLength = 1000;

    private const string Upsert = """
        INSERT INTO scheduled_job_runs ("Job", "Outcome", "Message", "Node", "StartedAt", "FinishedAt", "LastSuccessAt")
        VALUES ({0}, {1}, NULLIF({2}, ''), {3}, {4}, {5}, CASE WHEN {1} = 'succeeded' THEN {5} END)
        ON CONFLICT ("Job") DO UPDATE SET "Outcome" = excluded."Outcome", "Message" = excluded."Message", "Node" = excluded."Node",
            "StartedAt" = excluded."StartedAt", "FinishedAt" = excluded."FinishedAt",
            "LastSuccessAt" = COALESCE(excluded."LastSuccessAt", scheduled_job_runs."LastSuccessAt")
        """;

    private static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Records that <paramref name="job"/>'s run that began at <paramref name="startedAt"/> ended now. A record that
    /// cannot be written (the database is away) is logged: it never turns a job's run into a failure.
    /// </summary>
    public async Task RecordAsync(string job, DateTimeOffset startedAt, bool succeeded, string? message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outcome = succeeded ? JobOutcome.Succeeded : JobOutcome.Failed;
        if (message is { Length: > MessageLength })
        {
            message = message[..(MessageLength - 1)] + "…";
        }

        metrics.JobRan(job, outcome);
        try
        {
            await db.Database.ExecuteSqlRawAsync(
                Upsert,
                [job, outcome, message ?? "", Node, Timestamp(startedAt), Timestamp(now)],
                cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotRecorded(error, job, outcome);
        }
    }

    public async Task<IReadOnlyList<ScheduledJobRun>> AllAsync(CancellationToken cancellationToken) =>
        await db.ScheduledJobRuns.AsNoTracking().OrderBy(r => r.Job).ToListAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of a {Job} run ({Outcome}) could not be recorded")]
    private partial void LogNotRecorded(Exception error, string job, string outcome);

    // The columns hold UTC ticks on SQLite (see UtcTicksConverter) and timestamptz on PostgreSQL.
    private object Timestamp(DateTimeOffset value) => db.Database.IsSqlite() ? value.UtcTicks : value;
}
