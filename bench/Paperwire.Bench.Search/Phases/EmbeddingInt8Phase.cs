using System.Diagnostics;
using Microsoft.Extensions.Options;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search;
using Paperwire.Search.Embeddings;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// The int8 model against the float one (issue 14), in one process on the same abstracts: the app's
/// <see cref="ArcticEmbedder"/> with <c>Search:EmbeddingModel</c> arctic-embed-xs and arctic-embed-xs-int8, timed in
/// alternating rounds so that both see the same machine load; then how close the int8 vectors are to the float ones.
/// Target: at least 2x the float model's papers/s (search quality is the other target: <c>paperwire eval search</c>).
/// </summary>
internal static class EmbeddingInt8Phase
{
    private const int Rounds = 3;

    public static bool Run(BenchContext context)
    {
        var sources = context.Sources.Papers;
        var count = Math.Min(context.Options.EmbedTexts, sources.Count);
        // The same abstracts as the embedding phase.
        string[] texts = [.. QuerySet.Shuffle(Enumerable.Range(0, sources.Count), new Rng(context.Options.Seed, 0xE3BE)).Take(count).Select(i => sources[i].EmbeddingText)];

        using var fullPrecision = new ArcticEmbedder(Options.Create(new SearchOptions { EmbeddingModel = "arctic-embed-xs" }));
        using var quantized = new ArcticEmbedder(Options.Create(new SearchOptions { EmbeddingModel = "arctic-embed-xs-int8" }));
        fullPrecision.EmbedDocuments(texts[..16]);
        quantized.EmbedDocuments(texts[..16]);

        var seconds = new double[2][];
        seconds[0] = new double[Rounds];
        seconds[1] = new double[Rounds];
        float[][] floatVectors = [], int8Vectors = [];
        for (var round = 0; round < Rounds; round++)
        {
            // Alternate which goes first, so neither always follows the other's cache state.
            var order = round % 2 == 0 ? new[] { 0, 1 } : [1, 0];
            foreach (var which in order)
            {
                var embedder = which == 0 ? fullPrecision : quantized;
                var started = Stopwatch.GetTimestamp();
                var vectors = embedder.EmbedDocuments(texts);
                seconds[which][round] = Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (which == 0)
                {
                    floatVectors = vectors;
                }
                else
                {
                    int8Vectors = vectors;
                }
            }
        }

        string[] Row(string name, double[] rounds) =>
            [name, $"{count / rounds.Average():F1}", string.Join(" / ", rounds.Select(s => $"{count / s:F1}")), $"{rounds.Sum():F1}"];

        var rows = new List<string[]>
        {
            Row("ArcticEmbedder, arctic-embed-xs (float, as published)", seconds[0]),
            Row("ArcticEmbedder, **arctic-embed-xs-int8** (tools/quantize-arctic.py)", seconds[1]),
        };
        Report.Table($"Float vs int8 model, {count} abstracts, {Rounds} alternating rounds, same run", ["Embedder", "papers/s (mean of rounds)", "papers/s per round", "seconds in all"], rows);

        var speedup = seconds[0].Average() / seconds[1].Average();
        var cosines = floatVectors.Zip(int8Vectors, (a, b) => (double)System.Numerics.Tensors.TensorPrimitives.Dot(a, b)).Order().ToArray();
        Console.WriteLine($"int8 / float speed: {speedup:F2}x (per round: {string.Join(", ", seconds[0].Zip(seconds[1], (f, q) => $"{f / q:F2}x"))})");
        Console.WriteLine($"cosine of int8 to float vectors over {count} abstracts: mean {cosines.Average():F4}, p1 {cosines[count / 100]:F4}, min {cosines[0]:F4}");
        return Report.Target("int8 model's papers/s over the float model's (same run)", speedup, "x", 2, atMost: false);
    }
}
