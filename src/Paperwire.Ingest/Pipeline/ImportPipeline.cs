using System.Threading.Channels;
using Paperwire.Core.Operations;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Ingest.Pipeline;

/// <summary>Options every import shares.</summary>
/// <param name="MirrorsFeed">Take upvotes from the source (Hugging Face mirror), see <see cref="CatalogWriter"/>.</param>
/// <param name="OnReject">Called for every rejected record, e.g. to write a rejects file.</param>
/// <param name="DryRun">Parse and validate only; store nothing (also the parse-only ceiling of the import benchmark).</param>
public sealed record ImportOptions(int BatchSize = 1000, bool MirrorsFeed = false, Action<RejectedRecord>? OnReject = null, bool DryRun = false);

/// <summary>
/// Drains a stream of parsed records into the catalog in batches. Sources only parse; this is the one place
/// that writes, so every source gets the same upsert, counting and rejection handling.
/// </summary>
public sealed class ImportPipeline(CatalogWriter writer, PaperwireMetrics metrics)
{
    /// <summary>
    /// Upserts every accepted record. <paramref name="position"/> tells how far through its input the source is
    /// (for progress), called after each batch.
    /// </summary>
    public async Task<ImportSummary> RunAsync(
        IAsyncEnumerable<ParsedRecord> records,
        ImportOptions options,
        Func<(long Done, long? Total, string Unit)>? position,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var summary = new ImportSummary();
        await RunAsync(records, options, summary, position, progress, cancellationToken);
        return summary;
    }

    /// <summary>
    /// As above, adding to an existing <paramref name="summary"/> (a harvest made of pages). Parsing and writing
    /// overlap: one task reads the next batch while the previous one is being written.
    /// </summary>
    public async Task RunAsync(
        IAsyncEnumerable<ParsedRecord> records,
        ImportOptions options,
        ImportSummary summary,
        Func<(long Done, long? Total, string Unit)>? position,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadBatchesAsync(records, options.BatchSize, position, batches.Writer, stopReading.Token), stopReading.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var reject in batch.Rejected)
                {
                    summary.Add(reject);
                    options.OnReject?.Invoke(reject);
                }

                for (var i = 0; i < batch.Skipped; i++)
                {
                    summary.AddSkipped();
                }

                if (options.DryRun)
                {
                    summary.AddValid(batch.Papers.Count);
                }
                else
                {
                    if (batch.Papers.Count > 0)
                    {
                        var counts = await writer.UpsertAsync(batch.Papers, options.MirrorsFeed, cancellationToken);
                        summary.Add(counts);
                        metrics.PapersIngested(counts.Inserted, counts.Updated);
                    }

                    metrics.PapersRejected(batch.Rejected.Count);
                }

                if (progress is not null && batch.Position is { } at)
                {
                    progress.Report(new ImportProgress(at.Done, at.Total, at.Unit, summary));
                }
            }
        }
        catch
        {
            // A failed write must not leave the reader blocked on a full channel: stop it, then rethrow.
            await stopReading.CancelAsync();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        // Surfaces a parse-side failure (e.g. an unreadable file).
        await reading;
    }

    private static async Task ReadBatchesAsync(
        IAsyncEnumerable<ParsedRecord> records, int batchSize, Func<(long, long?, string)>? position, ChannelWriter<Batch> output, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new Batch();
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                if (record.Rejected is { } reject)
                {
                    batch.Rejected.Add(reject);
                }
                else if (record.Paper is { } paper)
                {
                    batch.Papers.Add(paper);
                }
                else
                {
                    batch.Skipped++;
                }

                if (batch.Papers.Count + batch.Rejected.Count + batch.Skipped >= batchSize)
                {
                    batch.Position = position?.Invoke();
                    await output.WriteAsync(batch, cancellationToken);
                    batch = new Batch();
                }
            }

            batch.Position = position?.Invoke();
            await output.WriteAsync(batch, cancellationToken);
            output.Complete();
        }
        catch (Exception error)
        {
            output.Complete(error);
            throw;
        }
    }

    /// <summary>One unit of work handed from the reading task to the writing one.</summary>
    private sealed class Batch
    {
        public List<Paper> Papers { get; } = [];

        public List<RejectedRecord> Rejected { get; } = [];

        public int Skipped { get; set; }

        public (long Done, long? Total, string Unit)? Position { get; set; }
    }
}
