using BenchmarkDotNet.Attributes;
using Paperwire.Recommend;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;

namespace Paperwire.Bench.Recommend;

/// <summary>Training one reader's model from 200 signals (issue 12: at most 50 ms on one core), with each classifier.</summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private CandidatePool pool = null!;
    private ReaderSignals signals = null!;
    private ReaderModelTrainer trainer = null!;

    [Params(ModelKind.LinearSvm, ModelKind.LogisticRegression)]
    public ModelKind Classifier { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = SyntheticCatalog.Create(10_000);
        pool = CandidatePool.Gather(catalog.Papers, catalog.Vectors);
        signals = catalog.ReaderWith200Signals();
        trainer = new ReaderModelTrainer(catalog.Vectors, new RecommendOptions { Classifier = Classifier });
    }

    [Benchmark]
    public float Train200Signals() => trainer.Train(signals, pool, seed: 1).Bias;
}
