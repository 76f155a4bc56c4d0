using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Embeddings;

namespace Paperwire.Search.Indexing;

/// <summary>
/// Keeps this node's indexes current: the keyword index follows the catalog's change sequence, the vector index the
/// vectors stored in the database (their embedding sequence). It never runs the model (the embedding workers do), so
/// a new paper is findable by keyword at once. Every node runs one for its own data folder.
/// </summary>
public sealed partial class SearchIndexWorker(
    SearchIndexes indexes,
    IServiceScopeFactory scopes,
    IOptions<SearchOptions> options,
    ILogger<SearchIndexWorker> logger) : BackgroundService
{
    /// <summary>Saving the vector index rewrites it whole, so while catching up it is saved at most this often.</summary>
    private static readonly TimeSpan SaveInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var lastSave = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                indexes.SwitchToPromoted();
                var generation = indexes.Current;
                using var scope = scopes.CreateScope();
                var updater = scope.ServiceProvider.GetRequiredService<IndexUpdater>();
                var catalog = await scope.ServiceProvider.GetRequiredService<ChangeSequence>().CurrentAsync(stoppingToken);
                if (indexes.EmbeddingsEnabled)
                {
                    // The queue first: a vector stored after this look is then within the sequence read next.
                    var work = scope.ServiceProvider.GetRequiredService<EmbeddingWork>();
                    indexes.EmbeddingsPending = !await work.IsEmptyAsync(stoppingToken);
                    indexes.EmbeddingSequence = await work.LatestSequenceAsync(stoppingToken);
                }

                // Last: once it is set, the node has looked at both sequences.
                indexes.CatalogSequence = catalog;

                var keyword = await updater.UpdateKeywordAsync(generation, stoppingToken);
                var vectors = indexes.EmbeddingsEnabled ? await updater.UpdateVectorsAsync(generation, stoppingToken) : 0;
                if (keyword > 0 || vectors > 0)
                {
                    LogProgress(keyword, vectors, generation.KeywordSequence, generation.VectorSequence);
                }

                if (generation.HasUnsavedVectors && (vectors == 0 || lastSave.Elapsed > SaveInterval))
                {
                    generation.SaveVectors();
                    lastSave.Restart();
                }

                worked = keyword > 0 || vectors > 0;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The catalog or the disk may be briefly unavailable; the next round retries from the saved state.
                LogFailed(exception);
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

        SaveOnStop();
    }

    private void SaveOnStop()
    {
        try
        {
            var generation = indexes.Current;
            if (generation.HasUnsavedVectors)
            {
                generation.SaveVectors();
            }
        }
        catch (IOException exception)
        {
            LogFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index: {Keyword} papers to keyword, {Vectors} stored vectors read; at change {KeywordSequence}, vector {VectorSequence}")]
    private partial void LogProgress(int keyword, int vectors, long keywordSequence, long vectorSequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index update failed; retrying")]
    private partial void LogFailed(Exception exception);
}
