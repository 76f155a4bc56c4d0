using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Recommend;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;
using Paperwire.Search.Indexing;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>
/// A digest's personal picks: the subscriber's papers of the period ordered by their For-you model, with what
/// they marked not interested left out. One instance serves one digest run: the period's pools are gathered once
/// and shared by every subscriber, and signals are read for a whole batch of subscribers at once.
/// </summary>
public sealed class DigestPicks(PaperwireDbContext db, ReaderSignalsQuery signalsQuery, RecommendOptions options, Recommender recommender, IPaperVectors vectors, SearchIndexes indexes)
{
    /// <summary>
    /// The latest this-many catalog papers up to the period's end are the model's background ("papers in general",
    /// as For-you's week of papers is): a day's few dozen candidates alone would teach it to reject exactly them.
    /// </summary>
    public const int BackgroundPapers = 2_000;

    /// <summary>
    /// Background papers sampled per model, half of For-you's 256: a run trains one model per subscriber, and training
    /// is most of a pick's cost. Measured (<c>paperwire eval recommend</c>, seed 42): nDCG@10 0.668 against 0.676,
    /// still far above closeness (0.608) and every baseline; training takes about half the time (docs/benchmarks.md).
    /// </summary>
    public const int TrainingBackground = 128;

    private readonly ReaderModelTrainer trainer = new(vectors, options with { BackgroundPapers = TrainingBackground });

    private readonly Dictionary<IReadOnlyList<Paper>, (CandidatePool Candidates, CandidatePool Background)> pools = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyDictionary<string, ReaderSignals> prepared = new Dictionary<string, ReaderSignals>();

    /// <summary>False with meaning search off or still catching up: without vectors there is no model to rank by.</summary>
    public bool Available => indexes.EmbeddingsEnabled && !indexes.SemanticWarmingUp;

    /// <summary>Reads the signals of the next batch's readers in one go (a few queries instead of a few per reader).</summary>
    public async Task PrepareAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        prepared = await signalsQuery.ReadManyAsync(userIds, cancellationToken);

    /// <summary>
    /// <paramref name="candidates"/> (some of <paramref name="periodPapers"/>, in the order chosen so far) best first
    /// for this reader, without the papers they marked not interested; papers the model does not rank, and papers of
    /// equal score, keep the order they had. Null when picks cannot be made: vectors are not available, or none of the
    /// period's papers has one yet.
    /// </summary>
    /// <param name="periodPapers">All of the period's papers: the same list for every subscriber of a run.</param>
    public async Task<IReadOnlyList<Paper>?> OrderAsync(
        string userId, DateOnly periodEnd, IReadOnlyList<Paper> periodPapers, IReadOnlyList<Paper> candidates, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            return null;
        }

        var signals = prepared.TryGetValue(userId, out var read) ? read : await signalsQuery.ReadAsync(userId, cancellationToken);
        var dismissed = signals.NotInterested.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        List<Paper> kept = [.. candidates.Where(p => !dismissed.Contains(p.Id))];
        if (signals.IsEmpty || kept.Count == 0)
        {
            return kept; // nothing to rank by: the order chosen so far, and nothing to apologize for
        }

        var (pool, background) = await PoolsAsync(periodEnd, periodPapers, cancellationToken);
        if (pool.Count == 0)
        {
            return null;
        }

        // The whole period is ranked (tens to hundreds of papers), then cut to this subscriber's filters.
        var model = trainer.Train(signals, background.Count > 0 ? background : pool, ReaderModels.Seed(userId));
        var scores = recommender.Recommend(signals, model, pool, pool.Count).ToDictionary(r => r.Paper.Id, r => r.Score, StringComparer.Ordinal);
        return [.. kept.OrderByDescending(p => scores.TryGetValue(p.Id, out var score) ? score : float.NegativeInfinity)];
    }

    private async Task<(CandidatePool, CandidatePool)> PoolsAsync(DateOnly periodEnd, IReadOnlyList<Paper> periodPapers, CancellationToken cancellationToken)
    {
        if (!pools.TryGetValue(periodPapers, out var gathered))
        {
            // Published before the period ended, so a digest composed again later trains on the same papers.
            var end = new DateTimeOffset(periodEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var latest = await db.Papers.AsNoTracking().Where(p => !p.Withdrawn && p.PublishedAt < end)
                .OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id).Take(BackgroundPapers).ToListAsync(cancellationToken);
            gathered = (CandidatePool.Gather(periodPapers.Select(ReaderSignalsQuery.ToCatalogPaper), vectors),
                CandidatePool.Gather(latest.Select(ReaderSignalsQuery.ToCatalogPaper), vectors));
            pools[periodPapers] = gathered;
        }

        return gathered;
    }
}
