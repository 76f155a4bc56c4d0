using System.Diagnostics;

namespace Paperwire.Bench.Search.Measurement;

/// <summary>Per-call times in milliseconds and their percentiles (nearest rank).</summary>
internal sealed class Latencies
{
    private readonly List<double> milliseconds = [];

    public int Count => milliseconds.Count;

    public T Time<T>(Func<T> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = action();
        milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public double Percentile(double p)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public double Mean => milliseconds.Count == 0 ? double.NaN : milliseconds.Average();

    public double Max => milliseconds.Count == 0 ? double.NaN : milliseconds.Max();
}
