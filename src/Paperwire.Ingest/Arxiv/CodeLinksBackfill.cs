using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paperwire.Ingest.Oai;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.Arxiv;

/// <summary>
/// Fills the code, Hugging Face and project links of papers stored before the finder knew them (or knew them
/// worse), from the text the catalog already has. Runs once per <see cref="Version"/>, recorded as a harvest
/// checkpoint; a run cut short runs again whole, and writes only the papers whose links change.
/// </summary>
public sealed class CodeLinksBackfill(PaperwireDbContext db, ChangeSequence sequence, HarvestCheckpoints checkpoints)
{
    /// <summary>Raised when the finder learns something that stored papers should get too.</summary>
    public const int Version = 1;

    public const string CheckpointKey = "code-links|v1";

    private const int BatchSize = 500;

    /// <summary>Backfills unless this version already did; the number of papers changed (null when there was nothing to do).</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        if (await checkpoints.FindAsync(CheckpointKey, cancellationToken) is { Completed: true })
        {
            return null;
        }

        var changed = 0;
        var after = "";
        while (true)
        {
            var (last, count) = await BatchAsync(after, cancellationToken);
            changed += count;
            if (last is null)
            {
                break;
            }

            after = last;
        }

        await checkpoints.SaveAsync(new HarvestCheckpoint { Key = CheckpointKey, Completed = true, RecordsDone = changed }, cancellationToken);
        return changed;
    }

    private async Task<(string? Last, int Changed)> BatchAsync(string after, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var papers = await db.Papers.Where(p => string.Compare(p.Id, after) > 0).OrderBy(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
            var changed = papers.Where(p => CodeLinks.Fill(p, CodeLinks.FindIn(p))).ToList();
            if (changed.Count > 0)
            {
                await sequence.LockPapersAsync([.. changed.Select(p => p.Id)], cancellationToken);
                var next = await sequence.ReserveAsync(changed.Count, cancellationToken);
                foreach (var paper in changed)
                {
                    paper.ChangeSequence = next++;
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (papers.Count == BatchSize ? papers[^1].Id : null, changed.Count);
        });
    }
}

/// <summary>Runs <see cref="CodeLinksBackfill"/> in the background after a start; a failure is logged and tried at the next start.</summary>
public sealed partial class CodeLinksBackfillWorker(IServiceScopeFactory scopes, ILogger<CodeLinksBackfillWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<CodeLinksBackfill>().RunAsync(stoppingToken) is { } changed)
            {
                LogDone(changed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start runs it again.
        }
        catch (Exception error)
        {
            LogFailed(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Code and project links filled in for {Count} papers already in the catalog")]
    private partial void LogDone(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Filling in the code and project links of stored papers failed; it runs again at the next start")]
    private partial void LogFailed(Exception error);
}
