using System.Diagnostics;
using System.Globalization;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Glance;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// Key sentences and keywords (issue 15): papers/s of <see cref="GlanceExtractor"/> as the background job runs it (the
/// paper vector already stored, here the shipped one; every sentence and candidate phrase of 16 papers embedded in one
/// call), over --glance-papers shipped papers in a seeded order; then the first --glance-sample of them as a Markdown
/// list to judge by hand (docs/glance.md).
/// </summary>
internal static class GlancePhase
{
    private const int PapersPerCall = 16;

    public static void Run(BenchContext context)
    {
        var sources = context.Sources.Papers;
        var count = Math.Min(context.Options.GlancePapers, sources.Count);
        SourcePaper[] papers = [.. QuerySet.Shuffle(sources, new Rng(context.Options.Seed, 0x61A7CE)).Take(count)];
        var shipped = EmbeddingStore.LoadShipped();
        var vectors = papers.Select(p => shipped.TryGetValue(EmbeddingStore.ShippedKey(IndexedPaper.TextOf(p.Title, p.Abstract)), out var v) ? v : null).ToArray();
        var missing = Enumerable.Range(0, count).Where(i => vectors[i] is null).ToArray();
        if (missing.Length > 0)
        {
            var embedded = context.Embedder.EmbedDocuments([.. missing.Select(i => papers[i].EmbeddingText)]);
            for (var j = 0; j < missing.Length; j++)
            {
                vectors[missing[j]] = embedded[j];
            }
        }

        Console.WriteLine($"glance: {count} shipped papers, {count - missing.Length} with a shipped vector; warming the model up");
        context.Embedder.EmbedDocuments([.. papers.Take(4).Select(p => p.Title)]);

        var results = new GlanceResult[count];
        long texts = 0, tokens = 0;
        var started = Stopwatch.GetTimestamp();
        for (var start = 0; start < count; start += PapersPerCall)
        {
            var batch = Enumerable.Range(start, Math.Min(PapersPerCall, count - start)).ToArray();
            var prepared = batch.Select(i => GlanceExtractor.Prepare(papers[i].Abstract)).ToArray();
            string[] all = [.. prepared.SelectMany(p => p.All)];
            texts += all.Length;
            tokens += all.Sum(t => (long)t.Split(' ').Length);
            var embedded = context.Embedder.EmbedDocuments(all);
            var offset = 0;
            for (var k = 0; k < batch.Length; k++)
            {
                results[batch[k]] = GlanceExtractor.Choose(prepared[k], vectors[batch[k]], new ArraySegment<float[]>(embedded, offset, prepared[k].Count));
                offset += prepared[k].Count;
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report.Table($"Key sentences and keywords, {count} shipped papers", ["papers", "texts embedded", "words", "seconds", "papers/s"],
            [[count.ToString(CultureInfo.InvariantCulture), texts.ToString(CultureInfo.InvariantCulture), tokens.ToString(CultureInfo.InvariantCulture),
              seconds.ToString("F1", CultureInfo.InvariantCulture), (count / seconds).ToString("F2", CultureInfo.InvariantCulture)]]);
        Console.WriteLine($"machine after: {Machine.Describe()}");

        var sample = Math.Min(context.Options.GlanceSample, count);
        Console.WriteLine();
        for (var i = 0; i < sample; i++)
        {
            Console.WriteLine($"{i + 1}. **{papers[i].Title}** ({papers[i].Id})");
            Console.WriteLine($"   - Key sentence: {results[i].KeySentence}");
            Console.WriteLine($"   - Keywords: {string.Join("; ", results[i].Keywords)}");
        }
    }
}
