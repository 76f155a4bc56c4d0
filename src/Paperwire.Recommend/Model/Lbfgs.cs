using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Model;

/// <summary>
/// Limited-memory BFGS with a backtracking (Armijo) line search: a few dozen passes over a reader's examples
/// where plain gradient descent needs hundreds, because the vector's dimensions are far from equally scaled.
/// Deterministic: no randomness, one thread.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Returns f(x) and writes its gradient.</summary>
    public delegate double Objective(ReadOnlySpan<float> x, Span<float> gradient);

    /// <summary>Minimizes <paramref name="f"/> from <paramref name="x"/> (updated in place); returns the iterations used.</summary>
    public static int Minimize(float[] x, Objective f, int maxIterations, int memory = 8, double tolerance = 1e-4)
    {
        var n = x.Length;
        var g = new float[n];
        var fx = f(x, g);
        var s = new float[memory][];
        var y = new float[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        var stored = 0;
        var d = new float[n];
        var xNew = new float[n];
        var gNew = new float[n];
        var iteration = 0;
        for (; iteration < maxIterations && Math.Abs(MaxMagnitude(g)) > tolerance; iteration++)
        {
            // Two-loop recursion: d = −H·g from the last `stored` steps, newest first.
            g.CopyTo(d, 0);
            for (var k = stored - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], d);
                MultiplyAdd(y[k], (float)-alpha[k], d, d);
            }

            var scale = stored > 0 ? Dot(s[stored - 1], y[stored - 1]) / Dot(y[stored - 1], y[stored - 1]) : 1 / Norm(g);
            Multiply(d, scale, d);
            for (var k = 0; k < stored; k++)
            {
                var beta = rho[k] * Dot(y[k], d);
                MultiplyAdd(s[k], (float)(alpha[k] - beta), d, d);
            }

            Negate(d, d);
            var slope = Dot(g, d);
            if (slope >= 0)
            {
                // Not a descent direction (curvature information gone stale): start over from the gradient.
                Divide(g, -Norm(g), d);
                slope = Dot(g, d);
                stored = 0;
            }

            var step = 1f;
            var fNew = double.PositiveInfinity;
            for (var tries = 0; tries < 30; tries++, step /= 2)
            {
                MultiplyAdd(d, step, x, xNew);
                fNew = f(xNew, gNew);
                if (fNew <= fx + (1e-4 * step * slope))
                {
                    break;
                }
            }

            if (!(fNew <= fx))
            {
                break;
            }

            var sNext = new float[n];
            var yNext = new float[n];
            Subtract(xNew, x, sNext);
            Subtract(gNew, g, yNext);
            var sy = Dot(sNext, yNext);
            if (sy > 1e-10)
            {
                if (stored == memory)
                {
                    Array.Copy(s, 1, s, 0, memory - 1);
                    Array.Copy(y, 1, y, 0, memory - 1);
                    Array.Copy(rho, 1, rho, 0, memory - 1);
                    stored--;
                }

                s[stored] = sNext;
                y[stored] = yNext;
                rho[stored] = 1 / sy;
                stored++;
            }

            xNew.CopyTo(x, 0);
            gNew.CopyTo(g, 0);
            var decrease = fx - fNew;
            fx = fNew;
            if (decrease <= 1e-9 * Math.Max(1, Math.Abs(fx)))
            {
                break;
            }
        }

        return iteration;
    }
}
