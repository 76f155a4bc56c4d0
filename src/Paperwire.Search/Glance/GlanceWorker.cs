using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Search.Indexing;
using Paperwire.Storage.Embeddings;

namespace Paperwire.Search.Glance;

/// <summary>
/// This node's share of the cluster's key sentences and keywords: claims batches from the database's glance queue
/// whenever the embedding queue is empty, so a first start's papers become searchable by meaning before any of this
/// begins. Runs on nodes that embed (<see cref="SearchOptions.EmbeddingWorker"/>) unless <see cref="SearchOptions.Glance"/> is off.
/// </summary>
public sealed partial class GlanceWorker(
    SearchIndexes indexes,
    IServiceScopeFactory scopes,
    IOptions<SearchOptions> options,
    ILogger<GlanceWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!indexes.EmbeddingsEnabled || !options.Value.EmbeddingWorker || !options.Value.Glance)
        {
            return;
        }

        await Task.Yield();
        var backfilled = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<EmbeddingWork>().IsEmptyAsync(stoppingToken))
                {
                    var jobs = scope.ServiceProvider.GetRequiredService<GlanceJobs>();
                    if (!backfilled)
                    {
                        // Papers embedded before this feature, or under another model or extraction version.
                        var queued = await jobs.EnqueueMissingAsync(stoppingToken);
                        if (queued > 0)
                        {
                            LogQueued(queued, jobs.Version);
                        }

                        backfilled = true;
                    }

                    var batch = await jobs.RunBatchAsync(Math.Max(1, options.Value.GlanceClaimSize), stoppingToken);
                    if (batch.Claimed > 0)
                    {
                        LogBatch(batch.Claimed, batch.Computed, batch.Unchanged, batch.Dropped, batch.Waiting, batch.Lost);
                    }

                    worked = batch.Claimed > 0;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Key sentences: {Queued} papers have none for {Version} yet; queued")]
    private partial void LogQueued(int queued, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key sentences: {Claimed} papers claimed, {Computed} computed, {Unchanged} unchanged, {Dropped} dropped, {Waiting} waiting for a new vector, {Lost} taken over by another node")]
    private partial void LogBatch(int claimed, int computed, int unchanged, int dropped, int waiting, int lost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key sentence batch failed; retrying")]
    private partial void LogFailed(Exception exception);
}
