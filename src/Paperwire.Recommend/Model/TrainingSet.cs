using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Vectors;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Model;

/// <summary>
/// The examples one reader's classifier learns from, as dense rows <c>[vector − mean ; category one-hots]</c>:
/// positives (+1), not-interested papers and background catalog papers (−1), weighted so that positives and
/// background weigh the same in total (as sklearn's <c>class_weight="balanced"</c>: a reader has a few positives
/// against hundreds of background papers). Centering on the background mean removes the direction every paper shares, which the solvers
/// would otherwise spend their first iterations on; <see cref="ReaderModelTrainer"/> folds it back into the bias.
/// </summary>
internal sealed class TrainingSet
{
    private readonly float[] rows;

    private TrainingSet(int dimensions, string[] categories, float[] rows, float[] labels, float[] weights, float[] mean, int backgroundStart)
    {
        Dimensions = dimensions;
        Categories = categories;
        this.rows = rows;
        Labels = labels;
        Weights = weights;
        Mean = mean;
        BackgroundStart = backgroundStart;
    }

    /// <summary>Vector dimensions; the category features follow them.</summary>
    public int Dimensions { get; }

    /// <summary>The category of each feature after the vector's.</summary>
    public string[] Categories { get; }

    public int Features => Dimensions + Categories.Length;

    public int Count => Labels.Length;

    public float[] Labels { get; }

    public float[] Weights { get; }

    public float[] Mean { get; }

    /// <summary>Rows from here on are background papers: the catalog a model's scores are scaled against.</summary>
    public int BackgroundStart { get; }

    public ReadOnlySpan<float> Row(int i) => rows.AsSpan(i * Features, Features);

    public static TrainingSet Build(SignalVectors signals, CandidatePool pool, IReadOnlyList<int> backgroundRows, RecommendOptions options)
    {
        var d = signals.Dimensions;
        var examples = new List<(float[] Vector, IEnumerable<string> Categories, float Label, float Weight)>();
        for (var i = 0; i < signals.Positives.Count; i++)
        {
            examples.Add((signals.Positive(i).ToArray(), signals.Positives[i].Categories, 1, 1));
        }

        for (var i = 0; i < signals.Negatives.Count; i++)
        {
            examples.Add((signals.Negative(i).ToArray(), signals.Negatives[i].Categories, -1, options.NotInterestedWeight));
        }

        var backgroundStart = examples.Count;
        foreach (var row in backgroundRows)
        {
            var names = pool.Categories.Vocabulary;
            examples.Add((pool.Vector(row).ToArray(), [.. pool.Categories.Of(row).ToArray().Select(names.Name)], -1, 1));
        }

        var mean = new float[d];
        foreach (var example in examples.Skip(backgroundStart))
        {
            Add(mean, example.Vector, mean);
        }

        Divide(mean, Math.Max(1, examples.Count - backgroundStart), mean);

        var categories = Vocabulary.OfCategories();
        foreach (var example in examples)
        {
            foreach (var category in example.Categories)
            {
                categories.Intern(category);
            }
        }

        var features = d + categories.Count;
        var rows = new float[examples.Count * features];
        for (var i = 0; i < examples.Count; i++)
        {
            var row = rows.AsSpan(i * features, features);
            Subtract(examples[i].Vector, mean, row[..d]);
            foreach (var category in examples[i].Categories)
            {
                categories.TryGet(category, out var number);
                row[d + number] = options.CategoryFeature;
            }
        }

        return new TrainingSet(d, [.. Enumerable.Range(0, categories.Count).Select(categories.Name)], rows,
            [.. examples.Select(e => e.Label)], Balanced(examples.Select(e => (e.Label, e.Weight)).ToList(), backgroundStart), mean, backgroundStart);
    }

    /// <summary>
    /// Positives and background papers weigh half of the total each (sklearn's balanced weights, n / (2 · class size)).
    /// A not-interested paper weighs as much as a positive times <see cref="RecommendOptions.NotInterestedWeight"/>:
    /// "not this" is as deliberate as an upvote, and as one of hundreds of background papers it would barely count.
    /// </summary>
    private static float[] Balanced(List<(float Label, float Weight)> examples, int backgroundStart)
    {
        var n = examples.Count;
        var positives = examples.Count(e => e.Label > 0);
        var background = n - backgroundStart;
        var positive = n / (2f * Math.Max(1, positives));
        var negative = n / (2f * Math.Max(1, background));
        return [.. examples.Select((e, i) => e.Label > 0 ? positive : i >= backgroundStart ? negative : positive * e.Weight)];
    }
}
