using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.Oai;

/// <summary>Reads and writes <see cref="HarvestCheckpoint"/> rows, one per set of harvest parameters.</summary>
public sealed class HarvestCheckpoints(PaperwireDbContext db, TimeProvider time)
{
    public Task<HarvestCheckpoint?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.HarvestCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, cancellationToken);

    /// <summary>Stores <paramref name="checkpoint"/> (insert or update), stamped with the current time.</summary>
    public async Task SaveAsync(HarvestCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var stored = await db.HarvestCheckpoints.SingleOrDefaultAsync(c => c.Key == checkpoint.Key, cancellationToken);
        if (stored is null)
        {
            stored = new HarvestCheckpoint { Key = checkpoint.Key };
            db.HarvestCheckpoints.Add(stored);
        }

        stored.ResumptionToken = checkpoint.ResumptionToken;
        stored.PagesDone = checkpoint.PagesDone;
        stored.RecordsDone = checkpoint.RecordsDone;
        stored.Completed = checkpoint.Completed;
        stored.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
