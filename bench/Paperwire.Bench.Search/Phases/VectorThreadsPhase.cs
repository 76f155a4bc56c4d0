using System.Diagnostics;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search.Indexing;
using Paperwire.Search.Vectors;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// How much of the vector build is one core: the first papers of the corpus indexed through
/// <see cref="VectorIndex.Upsert"/> (what the app does; the C# wrapper adds one vector at a time) and through the C
/// API from one thread per core with the same settings, each checked for recall@10 against an exact scan.
/// </summary>
internal static class VectorThreadsPhase
{
    private const int Papers = 100_000;
    private const int Queries = 300;
    private const int Dimensions = SyntheticCorpus.Dimensions;

    public static void Run(BenchContext context)
    {
        var corpus = context.Corpus;
        var count = Math.Min(Papers, corpus.Count);
        var keys = new ulong[count];
        float[][] vectors = [.. Enumerable.Range(0, count).Select(corpus.Vector)];
        for (var i = 0; i < count; i++)
        {
            keys[i] = (ulong)i;
        }

        float[][] queries = [.. Enumerable.Range(corpus.Count, Queries).Select(corpus.Vector)];
        var matrix = new float[(long)count * Dimensions];
        for (var i = 0; i < count; i++)
        {
            vectors[i].CopyTo(matrix.AsSpan(i * Dimensions, Dimensions));
        }

        var exact = ExactScan.TopK(matrix, count, Dimensions, queries, 10);
        var rows = new List<string[]>();

        using (var index = VectorIndex.Create(Dimensions))
        {
            var meter = new CpuMeter();
            var started = Stopwatch.GetTimestamp();
            for (var start = 0; start < count; start += IndexUpdater.VectorBatch)
            {
                var length = Math.Min(IndexUpdater.VectorBatch, count - start);
                index.Upsert(keys.AsSpan(start, length).ToArray(), vectors.AsSpan(start, length).ToArray());
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var recall = exact.Select((truth, q) => index.Search(queries[q], 10).Count(n => truth.Contains((int)n.Key)) / 10.0).Average();
            rows.Add(["VectorIndex.Upsert, batches of 256 (the app)", "1", $"{seconds:F1}", $"{count / seconds:N0}", $"{recall:F3}", $"{meter.OthersPercent():F0}%"]);
        }

        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            using var index = new RawUSearchIndex(null, Dimensions, 16, 128, (ulong)VectorIndex.ExpansionSearch);
            index.Reserve(count, threads);
            var meter = new CpuMeter();
            var started = Stopwatch.GetTimestamp();
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => index.Add(keys[i], vectors[i]));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var found = new ulong[10];
            var distances = new float[10];
            var recall = exact.Select((truth, q) => found.AsSpan(0, index.Search(queries[q], found, distances)).ToArray().Count(k => truth.Contains((int)k)) / 10.0).Average();
            rows.Add([$"C API usearch_add from {threads} thread(s)", $"{threads}", $"{seconds:F1}", $"{count / seconds:N0}", $"{recall:F3}", $"{meter.OthersPercent():F0}%"]);
        }

        Report.Table($"Vector index build by threads, first {count:N0} papers (same settings: f16, connectivity 16, expansion 128/{VectorIndex.ExpansionSearch})",
            ["Build", "threads", "seconds", "vectors/s", $"recall@10 ({Queries} held-out papers)", "others' CPU"], rows);
    }
}
