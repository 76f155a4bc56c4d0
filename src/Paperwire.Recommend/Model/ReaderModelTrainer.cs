using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Model;

/// <summary>
/// Trains a reader's model from their signals: with at least <see cref="RecommendOptions.MinimumPositives"/>
/// positives, a linear classifier of positives against not-interested papers and papers sampled from the pool
/// (the catalog a reader is shown); with fewer, a <see cref="ModelKind.Closeness"/> model. The same signals,
/// pool and seed always give the same model.
/// </summary>
public sealed class ReaderModelTrainer(IPaperVectors vectors, RecommendOptions options)
{
    /// <param name="background">Where background negatives come from: usually the pool being ranked.</param>
    /// <param name="seed">Fixes the sample; a stable number per reader (say, a hash of the user id) keeps a model stable.</param>
    public ReaderModel Train(ReaderSignals signals, CandidatePool background, int seed)
    {
        if (background.Count == 0 || signals.Positives.Count < options.MinimumPositives)
        {
            return ReaderModel.Closeness(signals.Version);
        }

        var read = SignalVectors.Read(signals, vectors, background.Dimensions);
        if (read.Positives.Count < options.MinimumPositives)
        {
            return ReaderModel.Closeness(signals.Version);
        }

        using var set = TrainingSet.Build(read, background, SampleBackground(read, background, seed), options);
        var theta = options.Classifier switch
        {
            ModelKind.LogisticRegression => LogisticRegression.Fit(set, options.LogisticC),
            ModelKind.LinearSvm => LinearSvm.Fit(set, options.SvmC, seed),
            _ => throw new InvalidOperationException($"{options.Classifier} is not a classifier."),
        };
        return Fold(theta, set, signals.Version);
    }

    private List<int> SampleBackground(SignalVectors read, CandidatePool pool, int seed)
    {
        var signalRows = new HashSet<int>();
        foreach (var paper in read.Positives.Concat(read.Negatives))
        {
            if (pool.TryGetRow(paper.Id, out var row))
            {
                signalRows.Add(row);
            }
        }

        var random = new Random(seed);
        var available = pool.Count - signalRows.Count;
        if (available <= options.BackgroundPapers)
        {
            return [.. Enumerable.Range(0, pool.Count).Where(r => !signalRows.Contains(r))];
        }

        // Far fewer wanted than available: drawing with rejection touches only the rows it keeps.
        var chosen = new HashSet<int>();
        var sample = new List<int>(options.BackgroundPapers);
        while (sample.Count < options.BackgroundPapers)
        {
            var row = random.Next(pool.Count);
            if (!signalRows.Contains(row) && chosen.Add(row))
            {
                sample.Add(row);
            }
        }

        return sample;
    }

    /// <summary>
    /// Undoes the centering (into the bias) and scales the score so that background papers have mean 0 and spread 1:
    /// follow bonuses then mean the same for either classifier and for any reader.
    /// </summary>
    private ReaderModel Fold(float[] theta, TrainingSet set, long version)
    {
        var d = set.Dimensions;
        var weights = theta.AsSpan(0, d).ToArray();
        var bias = theta[^1] - Dot(weights, set.Mean);

        var scores = new double[set.Count - set.BackgroundStart];
        for (var i = set.BackgroundStart; i < set.Count; i++)
        {
            scores[i - set.BackgroundStart] = Dot(theta.AsSpan(0, set.Features), set.Row(i)) + theta[^1];
        }

        var mean = scores.Length == 0 ? 0 : scores.Average();
        var spread = scores.Length < 2 ? 1 : Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1));
        var scale = (float)(spread > 1e-9 ? 1 / spread : 1);

        Multiply(weights, scale, weights);
        var categories = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var j = 0; j < set.Categories.Length; j++)
        {
            var weight = theta[d + j] * options.CategoryFeature * scale;
            if (Math.Abs(weight) > 1e-6)
            {
                categories[set.Categories[j]] = weight;
            }
        }

        return new ReaderModel(ReaderModel.CurrentFormat, options.Classifier, version, weights, categories, (float)((bias - mean) * scale));
    }
}
