using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Model;

/// <summary>
/// Minimizes <c>½‖w‖² + C Σ aᵢ log(1 + exp(−yᵢ (w·xᵢ + b)))</c> (sklearn's formulation; the bias is not
/// regularized) with L-BFGS. Returns <c>[w ; b]</c>.
/// </summary>
internal static class LogisticRegression
{
    public static float[] Fit(TrainingSet set, double c, int maxIterations = 60)
    {
        var features = set.Features;
        var theta = new float[features + 1];
        Lbfgs.Minimize(theta, Objective, maxIterations);
        return theta;

        double Objective(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            var w = parameters[..features];
            var b = parameters[features];
            gradient.Clear();
            var gradientW = gradient[..features];
            double loss = 0, gradientB = 0;
            for (var i = 0; i < set.Count; i++)
            {
                var row = set.Row(i);
                var margin = set.Labels[i] * (Dot(w, row) + b);
                loss += set.Weights[i] * Softplus(-margin);
                // d/dz of the weighted loss: −a·y·σ(−margin)
                var residual = (float)(c * -set.Weights[i] * set.Labels[i] * Sigmoid(-margin));
                MultiplyAdd(row, residual, gradientW, gradientW);
                gradientB += residual;
            }

            Add(gradientW, w, gradientW);
            gradient[features] = (float)gradientB;
            return (c * loss) + (0.5 * Dot(w, w));
        }
    }

    /// <summary>log(1 + eˣ) without overflow.</summary>
    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
