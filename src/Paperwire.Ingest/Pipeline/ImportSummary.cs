using Paperwire.Storage;

namespace Paperwire.Ingest.Pipeline;

/// <summary>The outcome of an import or harvest: what the catalog gained, and what was rejected and why.</summary>
public sealed class ImportSummary
{
    /// <summary>Rejections kept in memory for the summary; all of them go to the rejects file when one is given.</summary>
    public const int RejectsKept = 1000;

    private readonly List<RejectedRecord> rejected = [];

    public UpsertCounts Counts { get; private set; } = UpsertCounts.None;

    public int RejectedCount { get; private set; }

    /// <summary>Valid records left out by the import's filters.</summary>
    public int Skipped { get; private set; }

    /// <summary>Valid records a dry run would have written.</summary>
    public int Valid { get; private set; }

    public IReadOnlyList<RejectedRecord> Rejected => rejected;

    /// <summary>Rejections grouped by reason, most frequent first.</summary>
    public IReadOnlyDictionary<string, int> RejectedByReason => rejectedByReason;

    private readonly Dictionary<string, int> rejectedByReason = [];

    public int Processed => Counts.Inserted + Counts.Updated + Counts.Unchanged + RejectedCount + Skipped + Valid;

    public void Add(UpsertCounts counts) => Counts += counts;

    public void AddSkipped() => Skipped++;

    public void AddValid(int count) => Valid += count;

    public void Add(RejectedRecord reject)
    {
        RejectedCount++;
        rejectedByReason[reject.Reason] = rejectedByReason.GetValueOrDefault(reject.Reason) + 1;
        if (rejected.Count < RejectsKept)
        {
            rejected.Add(reject);
        }
    }

    public override string ToString() =>
        $"inserted {Counts.Inserted}, updated {Counts.Updated}, unchanged {Counts.Unchanged}, rejected {RejectedCount}, skipped by filters {Skipped}";
}
