using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage.Coordination;

namespace Paperwire.Thumbnails;

/// <summary>What one run did. <see cref="State"/>: off, paused (arXiv asked us to wait), elsewhere (another node holds the lease), idle, ran, failed.</summary>
public sealed record ThumbnailRun(string State, int Stored = 0, int Failed = 0, bool More = false, DateTimeOffset? PausedUntil = null)
{
    public static readonly ThumbnailRun Off = new("off");
    public static readonly ThumbnailRun Elsewhere = new("elsewhere");
    public static readonly ThumbnailRun Idle = new("idle");
}

/// <summary>
/// Fetches the PDFs of feed papers that have no thumbnail yet, newest first, and stores their first page drawn small
/// (docs/thumbnails.md). One node does it, the one holding the <c>thumbnails</c> lease, one PDF at a time with
/// <see cref="ThumbnailOptions.Delay"/> between requests; a 429 or 503 pauses it for as long as arXiv asks. A paper whose
/// PDF cannot be drawn is recorded with the reason and not fetched again. Without pdftoppm nothing is fetched at all, and
/// the log says so once.
/// </summary>
public sealed partial class ThumbnailWorker(
    IServiceScopeFactory scopes,
    PdfRenderer renderer,
    ThumbnailFiles files,
    IOptions<ThumbnailOptions> options,
    TimeProvider clock,
    ILogger<ThumbnailWorker> logger) : BackgroundService, IScheduledJob
{
    public const string LeaseName = "thumbnails";

    /// <summary>Renewed before every PDF, so it lapses soon after its node stops and another takes over.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly SemaphoreSlim oneRun = new(1, 1);
    private DateTimeOffset? lastRequestAt;
    private DateTimeOffset? pausedUntil;
    private bool filesChecked;
    private int missingRendererLogged;

    public string Name => LeaseName;

    public string Schedule => !options.Value.Enabled ? $"off ({ThumbnailOptions.Section}:Enabled=false)"
        : renderer.Executable is null ? $"off ({renderer.MissingReason})"
        : !options.Value.Worker ? $"off on this node ({ThumbnailOptions.Section}:Worker=false)"
        : $"continuously, one PDF every {options.Value.Delay.TotalSeconds:0.#} s at most; every {options.Value.PollInterval} when idle";

    /// <summary>No fixed time; while arXiv has asked for a pause, when the pause ends.</summary>
    public DateTimeOffset? NextRunAfter(DateTimeOffset now) => pausedUntil is { } until && until > now ? until : null;

    /// <summary>One run: up to <see cref="ThumbnailOptions.BatchSize"/> papers if this node holds the lease. Never throws for a failed run.</summary>
    public async Task<ThumbnailRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return ThumbnailRun.Off;
        }

        if (renderer.Executable is null)
        {
            LogRendererMissingOnce();
            return ThumbnailRun.Off;
        }

        await oneRun.WaitAsync(cancellationToken);
        try
        {
            if (pausedUntil is { } until && clock.GetUtcNow() < until)
            {
                return new ThumbnailRun("paused", PausedUntil: until);
            }

            return await RunBatchAsync(cancellationToken);
        }
        finally
        {
            oneRun.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        if (renderer.Executable is null)
        {
            LogRendererMissingOnce();
            return;
        }

        if (!options.Value.Worker)
        {
            return;
        }

        await Task.Yield();
        LogStarted(renderer.Executable, files.Folder);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                var run = await RunOnceAsync(stoppingToken);
                wait = run switch
                {
                    { PausedUntil: { } until } => until - clock.GetUtcNow(),
                    { More: true } => TimeSpan.Zero,
                    _ => options.Value.PollInterval,
                };
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong outside a run's own handling, the host goes on serving; the next poll tries again.
                LogFailed(error);
            }

            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>A stopping node hands the lease on at once rather than after it lapses.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await GiveBackLeaseAsync();
    }

    /// <summary>Best effort: a lease not given back lapses by itself.</summary>
    private async Task GiveBackLeaseAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await scope.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync(LeaseName, holder, bounded.Token);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            LogLeaseKept(error);
        }
    }

    private async Task<ThumbnailRun> RunBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var startedAt = clock.GetUtcNow();
        var runs = scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>();
        int stored = 0, failed = 0;
        var notes = new List<string>();
        try
        {
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            if (!await leases.TryAcquireAsync(LeaseName, holder, LeaseDuration, cancellationToken))
            {
                return ThumbnailRun.Elsewhere;
            }

            var records = scope.ServiceProvider.GetRequiredService<ThumbnailRecords>();
            if (!filesChecked)
            {
                var forgotten = await records.ForgetMissingFilesAsync(files.Exists, cancellationToken);
                if (forgotten > 0)
                {
                    LogForgotten(forgotten, files.Folder);
                    await EvictAsync(scope, cancellationToken);
                }

                filesChecked = true;
            }

            var batch = Math.Max(1, options.Value.BatchSize);
            var waiting = await records.WaitingAsync(batch, startedAt - options.Value.RetryUnreachableAfter, cancellationToken);
            if (waiting.Count == 0)
            {
                return ThumbnailRun.Idle;
            }

            var fetcher = scope.ServiceProvider.GetRequiredService<PdfFetcher>();
            DateTimeOffset? paused = null;
            foreach (var paperId in waiting)
            {
                await PaceAsync(cancellationToken);
                if (!await leases.TryAcquireAsync(LeaseName, holder, LeaseDuration, cancellationToken))
                {
                    notes.Add("another node took the lease over");
                    break;
                }

                try
                {
                    var page = await MakeAsync(fetcher, paperId, cancellationToken);
                    await records.RecordStoredAsync(paperId, page.Width, page.Height, cancellationToken);
                    stored++;
                }
                catch (ThumbnailFailedException failure)
                {
                    LogNoThumbnail(paperId, failure.Outcome, failure.Message);
                    await records.RecordFailureAsync(paperId, failure.Outcome, failure.Message, cancellationToken);
                    notes.Add($"{paperId} {failure.Outcome}: {failure.Message}");
                    failed++;
                    if (failure.Outcome == ThumbnailOutcome.Unreachable)
                    {
                        // arXiv (or the way there) is down: one paper waits a day for it, not the whole batch.
                        paused = clock.GetUtcNow() + options.Value.BackOff;
                        pausedUntil = paused;
                        notes.Add($"pausing until {paused:u}");
                        break;
                    }
                }
                catch (ArxivBusyException busy)
                {
                    paused = clock.GetUtcNow() + busy.Wait;
                    pausedUntil = paused;
                    LogPaused(busy.Message, paused.Value);
                    notes.Add($"arXiv asked for a pause until {paused:u}");
                    break;
                }
            }

            if (stored > 0)
            {
                await EvictAsync(scope, cancellationToken);
            }

            var message = $"{stored} stored, {failed} failed" + (notes.Count > 0 ? "; " + string.Join("; ", notes) : "");
            await runs.RecordAsync(LeaseName, startedAt, succeeded: true, message, cancellationToken);
            LogRun(stored, failed);
            return new ThumbnailRun("ran", stored, failed, More: paused is null && waiting.Count == batch, PausedUntil: paused);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database or the thumbnails folder is unavailable: nothing is recorded against the paper; next poll tries again.
            LogFailed(error);
            await runs.RecordAsync(LeaseName, startedAt, succeeded: false, $"{stored} stored, {failed} failed; then: {error.Message}", CancellationToken.None);
            return new ThumbnailRun("failed", stored, failed);
        }
    }

    /// <summary>Fetches, draws and installs one paper's thumbnail in a temporary folder of its own, removed after.</summary>
    private async Task<RenderedPage> MakeAsync(PdfFetcher fetcher, string paperId, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("paperwire-thumbnail-");
        try
        {
            var pdf = Path.Combine(work.FullName, "paper.pdf");
            try
            {
                await fetcher.FetchAsync(paperId, pdf, cancellationToken);
            }
            finally
            {
                lastRequestAt = clock.GetUtcNow();
            }

            var page = await renderer.RenderFirstPageAsync(pdf, cancellationToken);
            await files.InstallAsync(page.Path, paperId, cancellationToken);
            return page;
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException error)
            {
                LogTempLeft(error, work.FullName);
            }
        }
    }

    /// <summary>Waits out <see cref="ThumbnailOptions.Delay"/> since the previous request was answered.</summary>
    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        if (lastRequestAt is { } last && last + options.Value.Delay - clock.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private static async Task EvictAsync(AsyncServiceScope scope, CancellationToken cancellationToken)
    {
        // Other nodes follow the change sequence; this one evicts now.
        if (scope.ServiceProvider.GetService<FeedCache>() is { } cache)
        {
            await cache.InvalidateAsync(cancellationToken);
        }
    }

    private void LogRendererMissingOnce()
    {
        if (Interlocked.Exchange(ref missingRendererLogged, 1) == 0)
        {
            LogRendererMissing(renderer.MissingReason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnails: off, no PDF is fetched: {Reason}. Cards show no thumbnail.")]
    private partial void LogRendererMissing(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Thumbnails: drawing feed papers' first pages with {Renderer} into {Folder}")]
    private partial void LogStarted(string renderer, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Thumbnails: {Stored} stored, {Failed} failed")]
    private partial void LogRun(int stored, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnails: no thumbnail for {PaperId} ({Outcome}): {Reason}")]
    private partial void LogNoThumbnail(string paperId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnails: {Reason} No PDF is fetched before {Until:u}.")]
    private partial void LogPaused(string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnails: {Count} stored thumbnails are missing from {Folder}; they will be fetched again")]
    private partial void LogForgotten(int count, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Thumbnails: the run failed; the next one tries again")]
    private partial void LogFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Thumbnails: the lease could not be given back at stop; it lapses by itself")]
    private partial void LogLeaseKept(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Thumbnails: could not remove the temporary folder {Folder}")]
    private partial void LogTempLeft(Exception error, string folder);
}
