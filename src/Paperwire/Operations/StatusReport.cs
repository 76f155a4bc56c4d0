using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Operations;
using Paperwire.Hosting;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Operations;

/// <summary>One scheduled job as <c>/admin/status</c> shows it; <see cref="Last"/> is null until it has run once.</summary>
public sealed record JobStatus(string Name, string Schedule, DateTimeOffset? NextRun, ScheduledJobRun? Last);

/// <summary>Everything <c>/admin/status</c> shows, read at once.</summary>
public sealed record StatusSnapshot(
    IReadOnlyList<JobStatus> Jobs,
    OperationalReadings Readings,
    long KeywordSequence,
    bool EmbeddingsPending,
    long DataFolderBytes,
    string DataFolder,
    string Database,
    string Version,
    DateTimeOffset StartedAt,
    TimeSpan Uptime,
    DateTimeOffset Now);

/// <summary>Gathers the status page: every registered job with its last recorded run, the gauges' readings, disk, version.</summary>
public sealed class StatusReport(
    IEnumerable<IScheduledJob> jobs,
    ScheduledJobRuns runs,
    OperationalReadingsSource readings,
    SearchIndexes indexes,
    PaperwireSettings settings,
    PaperwireDbContext db,
    ProcessStart start,
    TimeProvider clock)
{
    public static readonly string Version =
        typeof(StatusReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<StatusSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recorded = (await runs.AllAsync(cancellationToken)).ToDictionary(r => r.Job, StringComparer.Ordinal);
        var registered = jobs.GroupBy(j => j.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        // Runs recorded by a job this node does not schedule (a CLI command, another version) are shown too.
        var statuses = registered
            .Select(j => new JobStatus(j.Name, j.Schedule, j.NextRunAfter(now), recorded.GetValueOrDefault(j.Name)))
            .Concat(recorded.Values.Where(r => registered.All(j => j.Name != r.Job)).Select(r => new JobStatus(r.Job, "not scheduled on this node", null, r)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        return new StatusSnapshot(
            statuses,
            await readings.ReadAsync(cancellationToken),
            indexes.Current.KeywordSequence,
            indexes.EmbeddingsPending,
            FolderSize(settings.DataDirectory),
            settings.DataDirectory,
            db.Database.ProviderName?.Split('.').Last() ?? "unknown",
            Version,
            start.StartedAt,
            now - start.StartedAt,
            now);
    }

    /// <summary>Bytes in every file under <paramref name="folder"/>; files that vanish or cannot be read meanwhile are left out.</summary>
    private static long FolderSize(string folder)
    {
        var directory = new DirectoryInfo(folder);
        if (!directory.Exists)
        {
            return 0;
        }

        long total = 0;
        foreach (var file in directory.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            try
            {
                total += file.Length;
            }
            catch (IOException)
            {
                // Deleted between listing and reading (an index segment merged away).
            }
        }

        return total;
    }
}
