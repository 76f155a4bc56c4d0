using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Model;

/// <summary>
/// The linear SVM of arxiv-sanity-lite (sklearn's LinearSVC: hinge loss, <c>½‖w‖² + C Σ aᵢ max(0, 1 − yᵢ w·xᵢ)</c>)
/// solved as liblinear does, by coordinate descent on the dual (Hsieh et al., 2008), with the bias as a constant
/// feature of 1. Visits examples in an order shuffled by <paramref name="seed"/>, so training is deterministic.
/// Returns <c>[w ; b]</c>.
/// </summary>
internal static class LinearSvm
{
    public static float[] Fit(TrainingSet set, double c, int seed, int maxEpochs = 100, double tolerance = 0.01)
    {
        var features = set.Features;
        var theta = new float[features + 1];
        var w = theta.AsSpan(0, features);
        var alpha = new double[set.Count];
        var diagonal = new double[set.Count];
        var order = new int[set.Count];
        for (var i = 0; i < set.Count; i++)
        {
            diagonal[i] = Dot(set.Row(i), set.Row(i)) + 1;
            order[i] = i;
        }

        var random = new Random(seed);
        for (var epoch = 0; epoch < maxEpochs; epoch++)
        {
            random.Shuffle(order);
            double largest = double.NegativeInfinity, smallest = double.PositiveInfinity;
            foreach (var i in order)
            {
                var row = set.Row(i);
                var y = set.Labels[i];
                var upper = c * set.Weights[i];
                var gradient = (y * (Dot(w, row) + theta[features])) - 1;
                // The projected gradient: zero where the box constraint 0 ≤ α ≤ C·a stops the step.
                var projected = alpha[i] <= 0 ? Math.Min(gradient, 0) : alpha[i] >= upper ? Math.Max(gradient, 0) : gradient;
                largest = Math.Max(largest, projected);
                smallest = Math.Min(smallest, projected);
                if (Math.Abs(projected) > 1e-12)
                {
                    var previous = alpha[i];
                    alpha[i] = Math.Clamp(previous - (gradient / diagonal[i]), 0, upper);
                    var change = (float)((alpha[i] - previous) * y);
                    MultiplyAdd(row, change, w, w);
                    theta[features] += change;
                }
            }

            if (largest - smallest <= tolerance)
            {
                break;
            }
        }

        return theta;
    }
}
