using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Core.Operations;
using Paperwire.Search.Indexing;
using Paperwire.Storage.Coordination;

namespace Paperwire.Search.Embeddings;

/// <summary>
/// This node's share of the cluster's embedding: claims batches from the database's queue and stores their vectors,
/// so each paper text is embedded once per cluster, not once per node. Runs on every node with embeddings on
/// (unless <see cref="SearchOptions.EmbeddingWorker"/> is off); the nodes split the queue without overlap.
/// </summary>
public sealed partial class EmbeddingWorker(
    SearchIndexes indexes,
    IServiceScopeFactory scopes,
    IOptions<SearchOptions> options,
    PaperwireMetrics metrics,
    TimeProvider clock,
    ILogger<EmbeddingWorker> logger) : BackgroundService, IScheduledJob
{
    public const string JobName = "embeddings";

    public string Name => JobName;

    public string Schedule => !indexes.EmbeddingsEnabled ? "off (Search:Embeddings=false)"
        : !options.Value.EmbeddingWorker ? "off on this node (Search:EmbeddingWorker=false)"
        : $"continuously; every {options.Value.PollInterval} when idle";

    /// <summary>No fixed time: it runs whenever papers wait for a vector.</summary>
    public DateTimeOffset? NextRunAfter(DateTimeOffset now) => null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!indexes.EmbeddingsEnabled || !options.Value.EmbeddingWorker)
        {
            return;
        }

        await Task.Yield();
        var backfilled = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            var startedAt = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var jobs = scope.ServiceProvider.GetRequiredService<EmbeddingJobs>();
                if (!backfilled)
                {
                    // Papers with no vector for this model (a model change, or rows lost to a restore) join the queue once per start.
                    var queued = await jobs.EnqueueMissingAsync(stoppingToken);
                    if (queued > 0)
                    {
                        LogQueued(queued, indexes.ModelName);
                    }

                    backfilled = true;
                }

                var batch = await jobs.RunBatchAsync(Math.Max(1, options.Value.EmbeddingClaimSize), stoppingToken);
                if (batch.Claimed > 0)
                {
                    LogBatch(batch.Claimed, batch.Embedded, batch.Stored, batch.Withdrawn, batch.Lost);
                    metrics.EmbeddingsComputed(batch.Embedded);
                    await scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>().RecordAsync(
                        JobName, startedAt, succeeded: true, $"{batch.Embedded} papers run through the model, {batch.Stored} vectors stored", stoppingToken);
                }

                worked = batch.Claimed > 0;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly unavailable; a claim left behind expires and is taken again.
                LogFailed(exception);
                await scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>().RecordAsync(JobName, startedAt, succeeded: false, exception.Message, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!worked)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embeddings: {Queued} papers have no vector for {Model} yet; queued")]
    private partial void LogQueued(int queued, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embeddings: {Claimed} papers claimed, {Embedded} run through the model, {Stored} vectors stored, {Withdrawn} withdrawn, {Lost} taken over by another node")]
    private partial void LogBatch(int claimed, int embedded, int stored, int withdrawn, int lost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding batch failed; retrying")]
    private partial void LogFailed(Exception exception);
}
