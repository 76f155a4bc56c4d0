using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Thumbnails;

/// <summary>
/// The <c>paper_thumbnails</c> rows the worker reads and writes: which feed papers still need a thumbnail, and what
/// became of each one asked for. Storing one moves the change sequence, so every node's cached pages and API answers
/// (whose cards show it) are evicted.
/// </summary>
public sealed class ThumbnailRecords(PaperwireDbContext db, ChangeSequence sequence, TimeProvider clock)
{
    /// <summary>
    /// Feed papers with an arXiv id and no thumbnail, newest in the feed first: never asked for, or arXiv did not
    /// answer before <paramref name="retryUnreachableBefore"/>. A paper that failed for good is left alone.
    /// </summary>
    public Task<List<string>> WaitingAsync(int count, DateTimeOffset retryUnreachableBefore, CancellationToken cancellationToken) =>
        db.FeedEntries.AsNoTracking()
            .Where(f => !f.PaperId.StartsWith(PaperId.LocalPrefix))
            .Where(f => !db.PaperThumbnails.Any(t => t.PaperId == f.PaperId
                && (t.Outcome != ThumbnailOutcome.Unreachable || t.AttemptedAt >= retryUnreachableBefore)))
            .OrderByDescending(f => f.SubmittedAt).ThenBy(f => f.PaperId)
            .Select(f => f.PaperId)
            .Take(count)
            .ToListAsync(cancellationToken);

    public Task RecordStoredAsync(string paperId, int width, int height, CancellationToken cancellationToken) =>
        RecordAsync(paperId, ThumbnailOutcome.Stored, null, width, height, cancellationToken);

    public Task RecordFailureAsync(string paperId, string outcome, string detail, CancellationToken cancellationToken) =>
        RecordAsync(paperId, outcome, detail, 0, 0, cancellationToken);

    /// <summary>
    /// Drops the rows of stored thumbnails whose file is not in the folder (a restored backup, a new disk), so they are
    /// fetched again and no page links a missing picture meanwhile. Returns how many.
    /// </summary>
    public async Task<int> ForgetMissingFilesAsync(Func<string, bool> fileExists, CancellationToken cancellationToken)
    {
        var stored = await db.PaperThumbnails.AsNoTracking().Where(t => t.Outcome == ThumbnailOutcome.Stored).Select(t => t.PaperId).ToListAsync(cancellationToken);
        var missing = stored.Where(id => !fileExists(id)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in missing.Chunk(500))
        {
            await db.PaperThumbnails.Where(t => chunk.Contains(t.PaperId) && t.Outcome == ThumbnailOutcome.Stored).ExecuteDeleteAsync(cancellationToken);
        }

        await sequence.ReserveAsync(1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return missing.Count;
    }

    /// <summary>
    /// A detail fit to store: pdftoppm's messages may quote bytes of the PDF, and PostgreSQL refuses a NUL in text; a
    /// failure that cannot be recorded would be fetched again every cycle.
    /// </summary>
    public static string? Clean(string? detail)
    {
        if (detail is null)
        {
            return null;
        }

        var text = new string([.. detail.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c)]).Trim();
        return text.Length > PaperThumbnail.DetailLength ? text[..(PaperThumbnail.DetailLength - 1)] + "…" : text;
    }

    private async Task RecordAsync(string paperId, string outcome, string? detail, int width, int height, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.PaperThumbnails.FirstOrDefaultAsync(t => t.PaperId == paperId, cancellationToken);
        if (row is null)
        {
            // A paper deleted while its PDF was fetched has nothing to record against.
            if (!await db.Papers.AnyAsync(p => p.Id == paperId, cancellationToken))
            {
                return;
            }

            row = new PaperThumbnail { PaperId = paperId, Outcome = outcome };
            db.PaperThumbnails.Add(row);
        }

        row.Outcome = outcome;
        row.Detail = Clean(detail);
        row.Width = width;
        row.Height = height;
        row.AttemptedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (outcome == ThumbnailOutcome.Stored)
        {
            // Cards on cached pages and API answers now have a picture to show: every node evicts them.
            await sequence.ReserveAsync(1, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
