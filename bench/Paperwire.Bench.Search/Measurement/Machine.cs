using System.Globalization;
using System.Runtime.InteropServices;

namespace Paperwire.Bench.Search.Measurement;

/// <summary>What the machine is and how busy it is, from /proc.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memory = MemInfoKiB("MemTotal") / 1024.0 / 1024.0;
        var available = MemInfoKiB("MemAvailable") / 1024.0 / 1024.0;
        return $"nproc {Environment.ProcessorCount}, CPU {model}, RAM {memory:F1} GiB ({available:F1} GiB available), " +
            $"load average {File.ReadAllText("/proc/loadavg").Trim()}, {RuntimeInformation.FrameworkDescription}, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "Server" : "Workstation")} GC";
    }

    private static long MemInfoKiB(string key) =>
        File.ReadLines("/proc/meminfo")
            .Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
            .FirstOrDefault();
}

/// <summary>
/// CPU used during a measurement by this process and by everything else (from /proc/stat and /proc/self/stat),
/// so a row measured while other work ran can be flagged.
/// </summary>
internal sealed class CpuMeter
{
    private readonly (long Busy, long Total) machineStart = MachineTicks();
    private readonly long ownStart = OwnTicks();

    /// <summary>Percent of all CPUs used by other processes since this meter started.</summary>
    public double OthersPercent()
    {
        var (busy, total) = MachineTicks();
        var own = OwnTicks() - ownStart;
        var elapsed = total - machineStart.Total;
        return elapsed <= 0 ? 0 : Math.Max(0, 100.0 * (busy - machineStart.Busy - own) / elapsed);
    }

    private static (long Busy, long Total) MachineTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return (total - idle, total);
    }

    private static long OwnTicks()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of stat(5) (utime, stime), counted from the state field (3).
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
