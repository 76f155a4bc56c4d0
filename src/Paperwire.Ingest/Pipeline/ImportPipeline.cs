using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Ingest.Pipeline;

/// <summary>Options every import shares.</summary>
/// <param name="MirrorsFeed">Take upvotes from the source (Hugging Face mirror), see <see cref="CatalogWriter"/>.</param>
/// <param name="OnReject">Called for every rejected record, e.g. to write a rejects file.</param>
public sealed record ImportOptions(int BatchSize = 500, bool MirrorsFeed = false, Action<RejectedRecord>? OnReject = null);

/// <summary>
/// Drains a stream of parsed records into the catalog in batches. Sources only parse; this is the one place
/// that writes, so every source gets the same upsert, counting and rejection handling.
/// </summary>
public sealed class ImportPipeline(CatalogWriter writer)
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

    /// <summary>As above, adding to an existing <paramref name="summary"/> (a harvest made of pages).</summary>
    public async Task RunAsync(
        IAsyncEnumerable<ParsedRecord> records,
        ImportOptions options,
        ImportSummary summary,
        Func<(long Done, long? Total, string Unit)>? position,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var batch = new List<Paper>(options.BatchSize);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (record.Rejected is { } reject)
            {
                summary.Add(reject);
                options.OnReject?.Invoke(reject);
                continue;
            }

            if (record.Paper is null)
            {
                summary.AddSkipped();
                continue;
            }

            batch.Add(record.Paper!);
            if (batch.Count >= options.BatchSize)
            {
                await FlushAsync(batch, options, summary, position, progress, cancellationToken);
            }
        }

        await FlushAsync(batch, options, summary, position, progress, cancellationToken);
    }

    private async Task FlushAsync(List<Paper> batch, ImportOptions options, ImportSummary summary, Func<(long, long?, string)>? position, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        if (batch.Count > 0)
        {
            summary.Add(await writer.UpsertAsync(batch, options.MirrorsFeed, cancellationToken));
            batch.Clear();
        }

        if (progress is not null && position is not null)
        {
            var (done, total, unit) = position();
            progress.Report(new ImportProgress(done, total, unit, summary));
        }
    }
}
