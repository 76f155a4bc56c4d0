using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.DemoCorpus;

/// <summary>What a start did with the shipped arXiv sample.</summary>
public enum SampleSyncResult
{
    /// <summary>This copy of the sample was loaded or refreshed before; nothing to do.</summary>
    UpToDate,

    /// <summary>Loaded whole: a catalog without arXiv papers, or a load that a stop cut short.</summary>
    Loaded,

    /// <summary>A different copy of the sample was loaded before: the papers it put there now match this one.</summary>
    Refreshed,
}

/// <summary>
/// Keeps the catalog in step with the shipped arXiv sample. A first start loads it whole. When a release ships a
/// changed sample (such as the one with glued words split again), the next start refreshes the papers the sample put
/// there: their pages, keyword index and vectors follow through the change sequence, as after any import. Votes,
/// comments, feed entries and papers that arXiv itself has updated since are left alone. A finished load is recorded
/// as a harvest checkpoint named by the file's hash, so a start with an unchanged sample costs one hash and one query.
/// </summary>
public sealed class ArxivSampleSync(PaperwireDbContext db, HarvestCheckpoints checkpoints, ImportPipeline pipeline)
{
    /// <summary>Checkpoint keys of the sample start with this; the rest is the file's SHA-256.</summary>
    public const string CheckpointPrefix = "arxiv-sample|sha256:";

    public async Task<(SampleSyncResult Result, ImportSummary? Summary)> RunAsync(string path, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var key = await CheckpointKeyAsync(path, cancellationToken);
        var checkpoint = await checkpoints.FindAsync(key, cancellationToken);
        if (checkpoint is { Completed: true })
        {
            return (SampleSyncResult.UpToDate, null);
        }

        using var file = SnapshotFile.Open(path);
        var records = file.ReadAsync(SnapshotFilter.All, cancellationToken);
        // A checkpoint that is not completed is this very file, loaded until a stop cut it short: load it again whole.
        var whole = checkpoint is not null || !await db.Papers.AnyAsync(p => !p.Id.StartsWith(PaperId.LocalPrefix), cancellationToken);
        if (whole)
        {
            await checkpoints.SaveAsync(new HarvestCheckpoint { Key = key }, cancellationToken);
        }
        else
        {
            var own = await SamplesOwnCopiesAsync(path, cancellationToken);
            records = records.Select(r => r.Paper is { } paper && !own.Contains(paper.Id) ? ParsedRecord.Skip() : r);
        }

        var summary = await pipeline.RunAsync(records, new ImportOptions(), () => (file.Position, file.Length, "bytes"), progress, cancellationToken);
        await checkpoints.SaveAsync(new HarvestCheckpoint { Key = key, Completed = true, RecordsDone = summary.Processed }, cancellationToken);
        await db.HarvestCheckpoints.Where(c => c.Key.StartsWith(CheckpointPrefix) && c.Key != key).ExecuteDeleteAsync(cancellationToken);
        return (whole ? SampleSyncResult.Loaded : SampleSyncResult.Refreshed, summary);
    }

    /// <summary>
    /// The sample's papers whose stored copy is still as a sample left it. Only those are refreshed; papers the sample
    /// never put there are not added to a catalog the operator has filled by other means. (A pass of its own: the
    /// import pipeline writes through this scope's DbContext while it reads the file.)
    /// </summary>
    private async Task<HashSet<string>> SamplesOwnCopiesAsync(string path, CancellationToken cancellationToken)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        using var file = SnapshotFile.Open(path);
        var papers = file.ReadAsync(SnapshotFilter.All, cancellationToken).Where(r => r.Paper is not null).Select(r => r.Paper!);
        await foreach (var chunk in papers.Chunk(1000).WithCancellation(cancellationToken))
        {
            var ids = chunk.Select(p => p.Id).ToList();
            var stored = await db.Papers.AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.PublishedAt, p.Versions })
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            // The sample gives no versions, so its papers are dated by the month of their id. The snapshot, OAI and
            // the arXiv API record versions and Hugging Face the real publication time: a paper one of them updated
            // has moved on from the sample, and its text is its source's, not the sample's.
            own.UnionWith(chunk.Where(p => stored.TryGetValue(p.Id, out var copy) && copy.Versions.Count == 0 && copy.PublishedAt == p.PublishedAt).Select(p => p.Id));
        }

        return own;
    }

    /// <summary>The checkpoint that records a finished load of the sample at <paramref name="path"/>: one per copy of the file.</summary>
    public static async Task<string> CheckpointKeyAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return CheckpointPrefix + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
