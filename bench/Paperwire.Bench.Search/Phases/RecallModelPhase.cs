using System.Diagnostics;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// How much ANN recall depends on the synthetic vectors and on the graph's settings: 100,000-paper corpora with
/// less noise on the mixed vectors, indexed with USearch's settings (connectivity 16, expansion 128 on add) and
/// with a denser graph (32, 256), each searched at several expansions, against an exact scan.
/// </summary>
internal static class RecallModelPhase
{
    private const int Papers = 100_000;
    private const int HeldOut = 300;
    private const int Dimensions = SyntheticCorpus.Dimensions;
    private static readonly float[] Noises = [SyntheticCorpus.DefaultNoiseNorm, 0.1f];
    private static readonly (ulong Connectivity, ulong ExpansionAdd)[] Graphs = [(16, 128), (32, 256)];
    private static readonly ulong[] Expansions = [64, 128, 256, 512];

    public static void Run(BenchContext context)
    {
        var count = Math.Min(Papers, context.Options.Papers);
        float[][] real = [.. context.Queries.Select(context.Embedder.EmbedQuery)];
        var rows = new List<string[]>();
        foreach (var noise in Noises)
        {
            var corpus = new SyntheticCorpus(context.Sources, context.RealVectors, count, context.Options.Seed, noise);
            float[][] queries = [.. real, .. Enumerable.Range(count, HeldOut).Select(corpus.Vector)];
            var matrix = new float[(long)count * Dimensions];
            Parallel.For(0, count, i => corpus.Vector(i, matrix.AsSpan(i * Dimensions, Dimensions)));
            var exact = ExactScan.TopK(matrix, count, Dimensions, queries, 10);
            var nearest = Enumerable.Range(real.Length, HeldOut).Average(q => System.Numerics.Tensors.TensorPrimitives.Dot(queries[q], matrix.AsSpan(exact[q][0] * Dimensions, Dimensions)));
            var tenth = Enumerable.Range(real.Length, HeldOut).Average(q => System.Numerics.Tensors.TensorPrimitives.Dot(queries[q], matrix.AsSpan(exact[q][9] * Dimensions, Dimensions)));

            foreach (var (connectivity, expansionAdd) in Graphs)
            {
                using var index = new RawUSearchIndex(null, Dimensions, connectivity, expansionAdd, 64);
                index.Reserve(count, Environment.ProcessorCount);
                var started = Stopwatch.GetTimestamp();
                // No more threads than reserved: USearch has one scratch context per reserved thread.
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => index.Add((ulong)i, matrix.AsSpan(i * Dimensions, Dimensions)));
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var row = new List<string> { $"{noise}", $"{nearest:F3} / {tenth:F3}", $"{connectivity} / {expansionAdd}", $"{seconds:F0}" };
                foreach (var expansion in Expansions)
                {
                    index.ExpansionSearch = expansion;
                    var keys = new ulong[10];
                    var distances = new float[10];
                    var recalls = exact.Select((truth, q) => keys.AsSpan(0, index.Search(queries[q], keys, distances)).ToArray().Count(k => truth.Contains((int)k)) / 10.0).ToArray();
                    row.Add($"{recalls.Average():F3} ({recalls.Take(real.Length).Average():F3})");
                }

                rows.Add([.. row]);
                Console.WriteLine($"  noise {noise}, graph {connectivity}/{expansionAdd}: {string.Join(", ", row.Skip(4))}");
            }
        }

        Report.Table($"ANN recall@10 by vector model and graph, {count:N0} papers, {real.Length} search queries + {HeldOut} held-out papers (in brackets: search queries only)",
            ["noise on mixed vectors", "held-out papers' top-1 / 10th cosine", "connectivity / expansion add", "build s (all cores)", .. Expansions.Select(e => $"expansion {e}")], rows);
    }
}
