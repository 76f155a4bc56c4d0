using System.Diagnostics;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search.Vectors;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// ANN recall against an exact scan of the same vectors, in one process. Queries: the embedded search queries and
/// held-out synthetic papers (made like the indexed ones, never indexed). The exact top-100 comes from a brute-force
/// scan of the corpus vectors in float32 (regenerated; the index stores them as f16). Then the index as the app
/// opens it (<see cref="VectorIndex"/>: its segments searched and merged). The recall-model phase sweeps the
/// expansion and the segment size.
/// </summary>
internal static class RecallPhase
{
    private const double RecallTarget = 0.95;
    private const int Dimensions = SyntheticCorpus.Dimensions;

    public static bool Run(BenchContext context)
    {
        context.RequireBuilt();
        var corpus = context.Corpus;
        var count = corpus.Count;
        var embedder = context.Embedder;

        using var indexes = context.OpenIndexes();
        var generation = indexes.Current;
        var index = generation.Vectors ?? throw new InvalidOperationException("The generation has no vectors.");

        float[][] real = [.. context.Queries.Select(embedder.EmbedQuery)];
        float[][] heldOut = [.. Enumerable.Range(count, context.Options.HeldOut).Select(corpus.Vector)];
        float[][] queries = [.. real, .. heldOut];
        Console.WriteLine($"recall: {queries.Length} query vectors ({real.Length} embedded search queries, {heldOut.Length} held-out papers) over {index.Count:N0} vectors in {index.SegmentCount} segments");

        var started = Stopwatch.GetTimestamp();
        var matrix = new float[(long)count * Dimensions];
        var keys = new ulong[count];
        Parallel.For(0, count, i =>
        {
            corpus.Vector(i, matrix.AsSpan(i * Dimensions, Dimensions));
            keys[i] = corpus.Key(i);
        });
        Console.WriteLine($"  {count:N0} corpus vectors regenerated in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        started = Stopwatch.GetTimestamp();
        var exact = ExactScan.TopK(matrix, count, Dimensions, queries, 100);
        var exactSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var scanOne = new Latencies();
        foreach (var query in queries.Take(20))
        {
            scanOne.Time(() => ExactScan.Scan(matrix, count, Dimensions, query, 10));
        }

        Console.WriteLine($"  exact top-100 of all {queries.Length} queries: {exactSeconds:F1} s on {Environment.ProcessorCount} threads (blocked); " +
            $"one query alone, one thread: p50 {Report.Ms(scanOne.Percentile(50))} ms");
        var exactKeys = exact.Select(e => e.Select(i => keys[i]).ToArray()).ToArray();
        Similarities(matrix, queries, exact, real.Length);
        matrix = [];

        var rows = new List<string[]>();
        var served10 = Recall(queries, exactKeys, real.Length, 10, 10, q => [.. index.Search(q, 10).Select(n => n.Key)]);
        rows.Add(Row("VectorIndex as the app opens it, Search(k = 10): recall@10", served10));
        var served101 = Recall(queries, exactKeys, real.Length, 10, 10, q => [.. index.Search(q, 101).Take(10).Select(n => n.Key)]);
        rows.Add(Row("VectorIndex, Search(k = 101) as hybrid search asks: top 10 vs exact top 10", served101));
        var askDeeper = Recall(queries, exactKeys, real.Length, 10, 10, q => [.. index.Search(q, (int)VectorIndex.ExpansionSearch).Take(10).Select(n => n.Key)]);
        rows.Add(Row($"VectorIndex, Search(k = {VectorIndex.ExpansionSearch}), top 10: asking for ExpansionSearch results", askDeeper));
        var served100 = Recall(queries, exactKeys, real.Length, 100, 100, q => [.. index.Search(q, 100).Select(n => n.Key)]);
        rows.Add(Row("VectorIndex, Search(k = 100): recall@100", served100));

        Report.Table($"ANN recall@10 against an exact scan, {count:N0} vectors, {queries.Length} queries (same run)",
            ["Search", "recall (all)", "search queries", "held-out papers", "p50 ms", "p99 ms", "thread CPU p50 ms"], rows);

        var met = Report.Target("ANN recall@10 of the index as served (Search k = 10)", served10.All, "", RecallTarget, atMost: false);
        met &= Report.Target("ANN recall@10 of hybrid search's ANN call (k = 101, top 10)", served101.All, "", RecallTarget, atMost: false);
        return met;
    }

    private static Result Recall(float[][] queries, ulong[][] exact, int realCount, int k, int exactDepth, Func<float[], ulong[]> search)
    {
        foreach (var query in queries.Take(50))
        {
            search(query);
        }

        var times = new Latencies();
        var recalls = new double[queries.Length];
        for (var q = 0; q < queries.Length; q++)
        {
            var found = times.Time(() => search(queries[q]));
            var truth = exact[q].Take(exactDepth).ToHashSet();
            recalls[q] = (double)found.Take(k).Count(truth.Contains) / exactDepth;
        }

        return new Result(recalls.Average(), recalls.Take(realCount).Average(), recalls.Skip(realCount).DefaultIfEmpty(double.NaN).Average(), times);
    }

    private static string[] Row(string name, Result r) =>
        [name, $"{r.All:F3}", $"{r.Real:F3}", $"{r.HeldOut:F3}", Report.Ms(r.Times.Percentile(50)), Report.Ms(r.Times.Percentile(99)), Report.Ms(r.Times.CpuPercentile(50))];

    /// <summary>How close the neighbours are: the realism check for the synthetic vectors.</summary>
    private static void Similarities(float[] matrix, float[][] queries, int[][] exact, int realCount)
    {
        double Cosine(int q, int rank) => System.Numerics.Tensors.TensorPrimitives.Dot(queries[q], matrix.AsSpan(exact[q][rank] * Dimensions, Dimensions));
        string Describe(IEnumerable<int> qs) =>
            $"top-1 {qs.Average(q => Cosine(q, 0)):F3}, 10th {qs.Average(q => Cosine(q, 9)):F3}, 100th {qs.Average(q => Cosine(q, 99)):F3}";
        Console.WriteLine($"  mean cosine of the exact neighbours: search queries {Describe(Enumerable.Range(0, realCount))}; " +
            $"held-out papers {Describe(Enumerable.Range(realCount, queries.Length - realCount))}");
    }

    private sealed record Result(double All, double Real, double HeldOut, Latencies Times);
}
