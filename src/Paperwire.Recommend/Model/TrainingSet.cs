using System.Buffers;
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
internal sealed class TrainingSet : IDisposable
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

    /// <summary>
    /// The rows are written straight from the signal and pool vectors into one array rented from the shared pool
    /// (hand it back with <see cref="Dispose"/>): a reader's model is trained for every ranking and digest, and
    /// building the set was as costly as fitting it while each example was first copied into arrays of its own.
    /// </summary>
    public static TrainingSet Build(SignalVectors signals, CandidatePool pool, IReadOnlyList<int> backgroundRows, RecommendOptions options)
    {
        var d = signals.Dimensions;
        var positives = signals.Positives.Count;
        var backgroundStart = positives + signals.Negatives.Count;
        var count = backgroundStart + backgroundRows.Count;

        var mean = new float[d];
        foreach (var row in backgroundRows)
        {
            Add(mean, pool.Vector(row), mean);
        }

        Divide(mean, Math.Max(1, backgroundRows.Count), mean);

        // Categories are numbered in the order examples name them; the pool's numbers map onto these once each.
        var categories = Vocabulary.OfCategories();
        var poolNames = pool.Categories.Vocabulary;
        var fromPool = new int[poolNames.Count];
        Array.Fill(fromPool, -1);
        var numbers = new List<int>();
        var starts = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            starts[i] = numbers.Count;
            if (i < positives)
            {
                numbers.AddRange(signals.Positives[i].Categories.Select(categories.Intern));
            }
            else if (i < backgroundStart)
            {
                numbers.AddRange(signals.Negatives[i - positives].Categories.Select(categories.Intern));
            }
            else
            {
                foreach (var number in pool.Categories.Of(backgroundRows[i - backgroundStart]))
                {
                    fromPool[number] = fromPool[number] >= 0 ? fromPool[number] : categories.Intern(poolNames.Name(number));
                    numbers.Add(fromPool[number]);
                }
            }
        }

        starts[count] = numbers.Count;
        var features = d + categories.Count;
        var rows = ArrayPool<float>.Shared.Rent(count * features);
        Array.Clear(rows, 0, count * features);
        for (var i = 0; i < count; i++)
        {
            var row = rows.AsSpan(i * features, features);
            var vector = i < positives ? signals.Positive(i)
                : i < backgroundStart ? signals.Negative(i - positives)
                : pool.Vector(backgroundRows[i - backgroundStart]);
            Subtract(vector, mean, row[..d]);
            for (var k = starts[i]; k < starts[i + 1]; k++)
            {
                row[d + numbers[k]] = options.CategoryFeature;
            }
        }

        var labels = new float[count];
        var weights = new float[count];
        for (var i = 0; i < count; i++)
        {
            (labels[i], weights[i]) = i < positives ? (1f, 1f) : i < backgroundStart ? (-1f, options.NotInterestedWeight) : (-1f, 1f);
        }

        return new TrainingSet(d, [.. Enumerable.Range(0, categories.Count).Select(categories.Name)], rows,
            labels, Balanced([.. labels.Zip(weights)], backgroundStart), mean, backgroundStart);
    }

    /// <summary>Hands the rows back to the shared pool; the set must not be used after.</summary>
    public void Dispose() => ArrayPool<float>.Shared.Return(rows);

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
