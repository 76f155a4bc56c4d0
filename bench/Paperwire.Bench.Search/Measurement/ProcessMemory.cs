using System.Globalization;

namespace Paperwire.Bench.Search.Measurement;

/// <summary>This process's resident memory from /proc/self/status, in MB (10^6 bytes, as elsewhere in docs/benchmarks.md).</summary>
internal sealed record ProcessMemory(double Rss, double Peak, double Anonymous, double FileBacked)
{
    public static ProcessMemory Read()
    {
        var values = File.ReadLines("/proc/self/status")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[1].TrimEnd().EndsWith("kB", StringComparison.Ordinal))
            .ToDictionary(p => p[0], p => long.Parse(p[1].Trim()[..^2].Trim(), CultureInfo.InvariantCulture) * 1024 / 1e6);
        return new ProcessMemory(values["VmRSS"], values["VmHWM"], values["RssAnon"], values["RssFile"]);
    }

    /// <summary>RSS after a full blocking collection, so it shows what stays, not garbage awaiting a GC.</summary>
    public static ProcessMemory Steady()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return Read();
    }

    public override string ToString() =>
        $"VmRSS {Rss:N0} MB (anonymous {Anonymous:N0}, file-backed {FileBacked:N0}), VmHWM {Peak:N0} MB";
}
