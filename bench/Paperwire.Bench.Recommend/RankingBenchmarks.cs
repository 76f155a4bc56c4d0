using BenchmarkDotNet.Attributes;
using Paperwire.Recommend;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Bench.Recommend;

/// <summary>
/// Ranking one reader's candidates (issue 12: 10,000 at most 5 ms p50, 100,000 at most 50 ms, one core, excluding
/// I/O) next to its ceiling: the same dot products over the same contiguous vectors and nothing else.
/// </summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private CandidatePool pool = null!;
    private ReaderSignals signals = null!;
    private ReaderModel model = null!;
    private Recommender recommender = null!;
    private float[] scores = [];

    [Params(10_000, 100_000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = SyntheticCatalog.Create(Candidates);
        var options = new RecommendOptions();
        pool = CandidatePool.Gather(catalog.Papers, catalog.Vectors);
        signals = catalog.ReaderWith200Signals();
        model = new ReaderModelTrainer(catalog.Vectors, options).Train(signals, pool, seed: 1);
        recommender = new Recommender(catalog.Vectors, options);
        scores = new float[pool.Count];
    }

    /// <summary>The whole ranking: model scores, categories, follows, the not-interested penalty, exclusions, top 50, reasons.</summary>
    [Benchmark]
    public int RankTop50() => recommender.Recommend(signals, model, pool, 50).Count;

    /// <summary>The ceiling: one dot product per candidate with the model's weights, into an array; no top-k, no features.</summary>
    [Benchmark(Baseline = true)]
    public float BruteForceDotProducts()
    {
        var weights = model.Weights.AsSpan();
        for (var row = 0; row < pool.Count; row++)
        {
            scores[row] = Dot(weights, pool.Vector(row));
        }

        return scores[^1];
    }
}
