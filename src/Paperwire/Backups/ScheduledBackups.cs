using System.Globalization;
using Microsoft.Extensions.Options;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Backups;

/// <summary>
/// The daily backup (<c>Backup:Schedule</c>) as a hosted service, with retention (<c>Backup:Keep</c>). Every node runs
/// the timer; only the node that takes the <c>backup</c> lease writes the archive. A failed backup is logged and tried
/// at the next scheduled time; it never stops the host. On PostgreSQL there is nothing for it to do: pg_dump backs up
/// the database (docs/backup.md), and it says so once at start.
/// </summary>
public sealed partial class ScheduledBackups(
    IServiceScopeFactory scopes,
    BackupWriter writer,
    DatabaseSettings database,
    IOptions<BackupOptions> options,
    TimeProvider clock,
    ILogger<ScheduledBackups> logger) : BackgroundService, IScheduledJob
{
    public const string LeaseName = "backup";
    public const string FilePrefix = "paperwire-backup-";
    public const string FileSuffix = ".tar.gz";

    /// <summary>Held after the run, so a node whose timer fires a little later does not back up the same day again.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(12);

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    // UTC ticks of the run the loop waits for; 0 while a backup runs or before the loop starts.
    private long waitingFor;

    /// <summary>
    /// The scheduled run this node's loop is waiting for; null while a backup runs. What a clock that is moved by hand
    /// (tests) must wait for before moving it, or the loop may reckon its next run from a later time and skip a day.
    /// </summary>
    public DateTimeOffset? WaitingFor => Volatile.Read(ref waitingFor) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public string Name => LeaseName;

    public string Schedule => options.Value.TimeUtc is not { } time ? "off (Backup:Schedule is not set)"
        : database.Provider != DatabaseProvider.Sqlite ? "off (PostgreSQL: back up with pg_dump)"
        : $"daily at {time:HH\\:mm} UTC, keeping {options.Value.Keep}";

    public DateTimeOffset? NextRunAfter(DateTimeOffset now) =>
        options.Value.TimeUtc is { } time && database.Provider == DatabaseProvider.Sqlite ? NextRun(now, time) : null;

    /// <summary>The next run strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly timeUtc)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(timeUtc), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Backs up once if this node gets the lease, then deletes archives beyond <c>Keep</c>; the archive written, or null.</summary>
    public async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
        if (!await leases.TryAcquireAsync(LeaseName, holder, LeaseDuration, cancellationToken))
        {
            LogSkipped(LeaseName);
            return null;
        }

        var folder = options.Value.Directory!;
        var startedAt = clock.GetUtcNow();
        var runs = scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>();
        try
        {
            Directory.CreateDirectory(folder);
            var name = FilePrefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + FileSuffix;
            var summary = await writer.WriteAsync(Path.Combine(folder, name), null, cancellationToken);
            LogWritten(summary.Path, summary.Bytes, summary.Elapsed.TotalSeconds);
            var deleted = Prune(folder, options.Value.Keep);
            foreach (var old in deleted)
            {
                LogDeleted(old);
            }

            await runs.RecordAsync(Name, startedAt, succeeded: true, $"{Path.GetFileName(summary.Path)}, {summary.Bytes:N0} bytes; {deleted.Count} old deleted", cancellationToken);
            return summary.Path;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(error);
            await runs.RecordAsync(Name, startedAt, succeeded: false, error.Message, CancellationToken.None);
            return null;
        }
    }

    /// <summary>Deletes the oldest scheduled archives in <paramref name="folder"/> beyond the newest <paramref name="keep"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Prune(string folder, int keep)
    {
        // The names carry the UTC time, so their order is their age; other files in the folder are never touched.
        var old = Directory.EnumerateFiles(folder, FilePrefix + "*" + FileSuffix)
            .Order(StringComparer.Ordinal)
            .SkipLast(keep)
            .ToList();
        foreach (var file in old)
        {
            File.Delete(file);
        }

        return old;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.TimeUtc is not { } time)
        {
            return;
        }

        if (database.Provider != DatabaseProvider.Sqlite)
        {
            LogPostgres();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = NextRun(now, time);
            LogNext(next, options.Value.Directory!);
            Volatile.Write(ref waitingFor, next.UtcTicks);
            await Task.Delay(next - now, clock, stoppingToken);
            Volatile.Write(ref waitingFor, 0);
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The lease table itself was unreachable: log, and try again at the next scheduled time.
                LogFailed(error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next scheduled backup at {Next:u} into {Folder}")]
    private partial void LogNext(DateTimeOffset next, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup skipped: another node holds the {Lease} lease")]
    private partial void LogSkipped(string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup written to {Path} ({Bytes} bytes in {Seconds:F1} s)")]
    private partial void LogWritten(string path, long bytes, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the old backup {Path} (Backup:Keep)")]
    private partial void LogDeleted(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup failed; it runs again at the next scheduled time")]
    private partial void LogFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup:Schedule is set, but this deployment uses PostgreSQL: no archive is written. Back up the database with pg_dump (docs/backup.md).")]
    private partial void LogPostgres();
}
