using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.GitHub;

/// <summary>
/// The daily stars refresh (<c>GitHub:Stars</c>) as a hosted service. Every node runs the timer; only the node that
/// takes the <c>github-stars</c> lease asks GitHub. A run GitHub's rate limit stopped goes on after the limit resets
/// (same day), picking up where it stopped; a failed run is logged and tried at the next scheduled time.
/// </summary>
public sealed partial class ScheduledGitHubStars(
    IServiceScopeFactory scopes,
    IOptions<GitHubOptions> options,
    TimeProvider clock,
    ILogger<ScheduledGitHubStars> logger) : BackgroundService, IScheduledJob
{
    public const string LeaseName = "github-stars";

    /// <summary>Held after the run, so a node whose timer fires a little later does not ask GitHub the same day again.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(12);

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private DateTimeOffset? resumeAt;

    public string Name => LeaseName;

    public string Schedule => options.Value.Stars.Enabled
        ? $"daily at {options.Value.Stars.TimeUtc:HH\\:mm} UTC for papers of the last {options.Value.Stars.RecentDays} days"
        : $"off ({GitHubStarsOptions.Section}:Enabled=false)";

    public DateTimeOffset? NextRunAfter(DateTimeOffset now) =>
        !options.Value.Stars.Enabled ? null
        : resumeAt is { } resume && resume > now && resume < NextRun(now, options.Value.Stars.TimeUtc) ? resume
        : NextRun(now, options.Value.Stars.TimeUtc);

    /// <summary>The next daily run strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly timeUtc)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(timeUtc), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Refreshes stars once if this node gets the lease; the run's summary, or null when another node has it.</summary>
    public async Task<StarsRunSummary?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
        if (!await leases.TryAcquireAsync(LeaseName, holder, LeaseDuration, cancellationToken))
        {
            LogSkipped(LeaseName);
            return null;
        }

        var runs = scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>();
        var startedAt = clock.GetUtcNow();
        try
        {
            var summary = await scope.ServiceProvider.GetRequiredService<GitHubStarsRefresher>().RunAsync(cancellationToken);
            resumeAt = summary.ResumeAt;
            LogDone(summary.ToString());
            await runs.RecordAsync(LeaseName, startedAt, succeeded: summary.Unreachable is null, summary.ToString(), cancellationToken);
            return summary;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(error);
            await runs.RecordAsync(LeaseName, startedAt, succeeded: false, error.Message, CancellationToken.None);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Stars.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = NextRunAfter(now)!.Value;
            LogNext(next);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                resumeAt = null;
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The lease table itself was unreachable: log, and try again at the next scheduled time.
                LogFailed(error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next GitHub stars refresh at {Next:u}")]
    private partial void LogNext(DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub stars refresh skipped: another node holds the {Lease} lease")]
    private partial void LogSkipped(string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub stars refresh: {Summary}")]
    private partial void LogDone(string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub stars refresh failed; it runs again at the next scheduled time")]
    private partial void LogFailed(Exception error);
}
