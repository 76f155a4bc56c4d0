using System.Diagnostics;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// How much ANN recall depends on the corpus size, the synthetic vectors' noise and the graph's settings
/// (--model-papers, --model-noise, --model-graphs): each corpus indexed through the C API on every core, searched
/// at several expansions, against an exact scan of the same vectors.
/// </summary>
internal static class RecallModelPhase
{
    private const int HeldOut = 300;
    private const int Dimensions = SyntheticCorpus.Dimensions;

    private static readonly ulong[] Expansions = [64, 128, 256, 512];

    public static void Run(BenchContext context)
    {
        var count = context.Options.ModelPapers;
        var noises = context.Options.ModelNoise.Split(',').Select(n => n.Split(':'))
            .Select(n => (Shape: Enum.Parse<SyntheticCorpus.NoiseShape>(n[0]), Norm: float.Parse(n[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        // "16/128x10:i8": connectivity 16, expansion on add 128, the corpus split into 10 graphs searched one after
        // another, vectors stored as int8 (default f16).
        var graphs = context.Options.ModelGraphs.Split(',').Select(g => g.Split('/', 'x', ':'))
            .Select(g => (Connectivity: ulong.Parse(g[0], System.Globalization.CultureInfo.InvariantCulture),
                ExpansionAdd: ulong.Parse(g[1], System.Globalization.CultureInfo.InvariantCulture),
                Shards: g.Length > 2 ? int.Parse(g[2], System.Globalization.CultureInfo.InvariantCulture) : 1,
                Scalar: g.Length > 3 && g[3] == "i8" ? Cloud.Unum.USearch.ScalarKind.Int8 : Cloud.Unum.USearch.ScalarKind.Float16)).ToArray();
        float[][] real = [.. context.Queries.Select(context.Embedder.EmbedQuery)];
        var rows = new List<string[]>();
        PrintRealNeighbourCosines(context.RealVectors);
        foreach (var (shape, norm) in noises)
        {
            var noise = $"{shape} {norm}";
            var corpus = new SyntheticCorpus(context.Sources, context.RealVectors, count, context.Options.Seed, norm, shape);
            float[][] queries = [.. real, .. Enumerable.Range(count, HeldOut).Select(corpus.Vector)];
            var matrix = new float[(long)count * Dimensions];
            Parallel.For(0, count, i => corpus.Vector(i, matrix.AsSpan(i * Dimensions, Dimensions)));
            var exact = ExactScan.TopK(matrix, count, Dimensions, queries, 10);
            var nearest = Enumerable.Range(real.Length, HeldOut).Average(q => System.Numerics.Tensors.TensorPrimitives.Dot(queries[q], matrix.AsSpan(exact[q][0] * Dimensions, Dimensions)));
            var tenth = Enumerable.Range(real.Length, HeldOut).Average(q => System.Numerics.Tensors.TensorPrimitives.Dot(queries[q], matrix.AsSpan(exact[q][9] * Dimensions, Dimensions)));

            foreach (var (connectivity, expansionAdd, shardCount, scalar) in graphs)
            {
                var shards = Enumerable.Range(0, shardCount).Select(_ => new RawUSearchIndex(null, Dimensions, connectivity, expansionAdd, 64, scalar)).ToArray();
                var started = Stopwatch.GetTimestamp();
                for (var s = 0; s < shardCount; s++)
                {
                    var (first, end) = ((int)((long)count * s / shardCount), (int)((long)count * (s + 1) / shardCount));
                    shards[s].Reserve(end - first, Environment.ProcessorCount);
                    var shard = shards[s];
                    // No more threads than reserved: USearch has one scratch context per reserved thread.
                    Parallel.For(first, end, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => shard.Add((ulong)i, matrix.AsSpan(i * Dimensions, Dimensions)));
                }

                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var row = new List<string> { $"{noise}", $"{nearest:F3} / {tenth:F3}", $"{connectivity} / {expansionAdd}" + (shardCount > 1 ? $" × {shardCount} graphs" : "") + (scalar == Cloud.Unum.USearch.ScalarKind.Int8 ? ", int8" : ""), $"{seconds:F0}" };
                foreach (var expansion in Expansions)
                {
                    foreach (var shard in shards)
                    {
                        shard.ExpansionSearch = expansion;
                    }

                    var keys = new ulong[10];
                    var distances = new float[10];
                    var searchTicks = 0L;
                    var recalls = exact.Select((truth, q) =>
                    {
                        var searchStarted = Stopwatch.GetTimestamp();
                        var found = new List<(float Distance, ulong Key)>();
                        foreach (var shard in shards)
                        {
                            var n = shard.Search(queries[q], keys, distances);
                            for (var j = 0; j < n; j++)
                            {
                                found.Add((distances[j], keys[j]));
                            }
                        }

                        var top = found.OrderBy(f => f.Distance).Take(10).Select(f => (int)f.Key).ToArray();
                        searchTicks += Stopwatch.GetTimestamp() - searchStarted;
                        return top.Count(truth.Contains) / 10.0;
                    }).ToArray();
                    var meanMs = searchTicks * 1000.0 / Stopwatch.Frequency / exact.Length;
                    row.Add($"{recalls.Average():F3} ({recalls.Take(real.Length).Average():F3}) {meanMs:F2} ms");
                }

                foreach (var shard in shards)
                {
                    shard.Dispose();
                }

                rows.Add([.. row]);
                Console.WriteLine($"  noise {noise}, graph {connectivity}/{expansionAdd}: {string.Join(", ", row.Skip(4))}");
            }
        }

        Report.Table($"ANN recall@10 by vector model and graph, {count:N0} papers, {real.Length} search queries + {HeldOut} held-out papers (in brackets: search queries only)",
            ["noise on mixed vectors", "held-out papers' top-1 / 10th cosine", "connectivity / expansion add", "build s (all cores)", .. Expansions.Select(e => $"expansion {e}: recall, mean ms per search")], rows);
    }

    /// <summary>How close real papers are to their nearest real papers: what the synthetic noise should resemble.</summary>
    private static void PrintRealNeighbourCosines(float[][] real)
    {
        var firsts = new double[real.Length];
        var tenths = new double[real.Length];
        Parallel.For(0, real.Length, i =>
        {
            var similarities = real.Select((other, j) => j == i ? -1f : System.Numerics.Tensors.TensorPrimitives.Dot(real[i], other))
                .OrderDescending().Take(10).ToArray();
            firsts[i] = similarities[0];
            tenths[i] = similarities[9];
        });
        Console.WriteLine($"  real papers among the {real.Length:N0} real ones: top-1 cosine {firsts.Average():F3}, 10th {tenths.Average():F3}");
    }
}
