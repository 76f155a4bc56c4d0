using Paperwire.Core.Papers;
using Paperwire.Ingest.Arxiv;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Snapshot;

/// <summary>Which records of a snapshot to import: <c>--categories cs.*,stat.ML</c> and <c>--since DATE</c>.</summary>
public sealed class SnapshotFilter
{
    public static readonly SnapshotFilter All = new(null, null);

    private readonly Func<IReadOnlyList<string>, bool>? categories;
    private readonly DateTimeOffset? since;

    private SnapshotFilter(Func<IReadOnlyList<string>, bool>? categories, DateOnly? since)
    {
        this.categories = categories;
        this.since = since is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
    }

    /// <summary>Builds a filter; an unknown category pattern is fatal input.</summary>
    public static SnapshotFilter Create(string? categories, DateOnly? since)
    {
        Func<IReadOnlyList<string>, bool>? matches = null;
        if (!string.IsNullOrWhiteSpace(categories) && !ArxivCategories.TryParseFilter(categories, out matches, out var invalid))
        {
            throw new InvalidInputException($"--categories: '{invalid}' matches no arXiv category (examples: cs.*, cs.CL, stat.ML).");
        }

        return new SnapshotFilter(matches, since);
    }

    /// <summary>A paper passes when one of its categories matches and it was last changed on or after the date.</summary>
    public bool Includes(Paper paper) =>
        (categories is null || categories(paper.Categories))
        && (since is null || (paper.UpdatedAt ?? paper.PublishedAt) >= since);
}
