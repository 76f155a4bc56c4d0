using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Paperwire.Bench.Search.Measurement;

/// <summary>
/// Per-call times in milliseconds and their percentiles (nearest rank): wall-clock (Stopwatch) and the calling
/// thread's CPU time (CLOCK_THREAD_CPUTIME_ID). On a shared machine the second is what a single-threaded call
/// costs when it has a core to itself; it leaves out time spent descheduled, and any work on other threads.
/// </summary>
internal sealed partial class Latencies
{
    private const int ProcessCpuClock = 2;
    private const int ThreadCpuClock = 3;
    private readonly List<double> milliseconds = [];
    private readonly List<double> cpuMilliseconds = [];
    private readonly List<double> processCpuMilliseconds = [];

    public int Count => milliseconds.Count;

    public T Time<T>(Func<T> action)
    {
        var process = Cpu(ProcessCpuClock);
        var cpu = Cpu(ThreadCpuClock);
        var started = Stopwatch.GetTimestamp();
        var result = action();
        milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        cpuMilliseconds.Add(Cpu(ThreadCpuClock) - cpu);
        processCpuMilliseconds.Add(Cpu(ProcessCpuClock) - process);
        return result;
    }

    public double Percentile(double p) => Percentile(milliseconds, p);

    public double CpuPercentile(double p) => Percentile(cpuMilliseconds, p);

    /// <summary>
    /// The whole process's CPU time per call (CLOCK_PROCESS_CPUTIME_ID): every thread a search uses (the meaning half on
    /// a pool thread, the vector graphs searched side by side), plus whatever else the process did meanwhile (GC).
    /// </summary>
    public double ProcessCpuPercentile(double p) => Percentile(processCpuMilliseconds, p);

    public double Mean => milliseconds.Count == 0 ? double.NaN : milliseconds.Average();

    public double Max => milliseconds.Count == 0 ? double.NaN : milliseconds.Max();

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static double Cpu(int clock)
    {
        ClockGetTime(clock, out var time);
        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
