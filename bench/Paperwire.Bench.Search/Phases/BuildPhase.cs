using System.Diagnostics;
using System.Text.Json;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search;
using Paperwire.Search.Indexing;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// Builds a new index generation of the whole corpus the way <c>paperwire reindex</c> does (<see cref="IndexUpdater"/>):
/// keyword batches of <see cref="IndexUpdater.KeywordBatch"/> papers, each applied and committed; then vectors in
/// batches of <see cref="IndexUpdater.VectorBatch"/>, saved once at the end; then promotes it. Only the index calls
/// are timed: making up the papers and their vectors (the database read and the model, in the app) is not.
/// </summary>
internal static class BuildPhase
{
    public static void Run(BenchContext context)
    {
        if (File.Exists(context.BuildResults) && !context.Options.Rebuild)
        {
            Console.WriteLine($"build: reusing the index in {context.Folder} (--rebuild builds it again)");
            Print(JsonSerializer.Deserialize<BuildResults>(File.ReadAllText(context.BuildResults))!);
            return;
        }

        if (Directory.Exists(context.Folder))
        {
            Directory.Delete(context.Folder, recursive: true);
        }

        var corpus = context.Corpus;
        var count = corpus.Count;
        Console.WriteLine($"build: {count:N0} papers ({corpus.RealCount:N0} real, {count - corpus.RealCount:N0} synthetic) into {context.Folder}");
        foreach (var sample in new[] { corpus.RealCount, corpus.RealCount + 1 }.Where(i => i < count))
        {
            var paper = corpus.Paper(sample);
            Console.WriteLine($"  e.g. {paper.Id}: \"{paper.Title}\" [{string.Join(' ', paper.Categories)}] {paper.PublishedOn:yyyy-MM-dd} {paper.Summary[..Math.Min(160, paper.Summary.Length)]}…");
        }

        var making = TimeSpan.Zero;
        var apply = TimeSpan.Zero;
        var commit = TimeSpan.Zero;
        var upsert = TimeSpan.Zero;
        TimeSpan save;
        double keywordOthers, vectorOthers;
        string name;
        using var indexes = context.OpenIndexes();
        using (var generation = indexes.CreateGeneration())
        {
            name = generation.Name;
            var meter = new CpuMeter();
            for (var start = 0; start < count; start += IndexUpdater.KeywordBatch)
            {
                var made = Stopwatch.GetTimestamp();
                var papers = Enumerable.Range(start, Math.Min(IndexUpdater.KeywordBatch, count - start)).Select(corpus.Paper).ToList();
                making += Stopwatch.GetElapsedTime(made);
                apply += Timed(() => generation.Keyword.Apply(papers));
                commit += Timed(() => generation.CommitKeyword(papers[^1].ChangeSequence));
                Progress("keyword", start + papers.Count, papers.Count, count, apply + commit);
            }

            keywordOthers = meter.OthersPercent();
            meter = new CpuMeter();
            var vectors = generation.Vectors ?? throw new InvalidOperationException("Embeddings are off.");
            for (var start = 0; start < count; start += IndexUpdater.VectorBatch)
            {
                var made = Stopwatch.GetTimestamp();
                var batch = Enumerable.Range(start, Math.Min(IndexUpdater.VectorBatch, count - start)).ToArray();
                // By paper id, as IndexUpdater does: the index then maps its neighbours back to papers itself.
                string[] ids = [.. batch.Select(corpus.Id)];
                float[][] values = [.. batch.Select(corpus.Vector)];
                making += Stopwatch.GetElapsedTime(made);
                upsert += Timed(() => vectors.Upsert(ids, values));
                generation.VectorsApplied(batch[^1] + 1);
                Progress("vectors", start + batch.Length, batch.Length, count, upsert);
            }

            save = Timed(generation.SaveVectors);
            vectorOthers = meter.OthersPercent();
        }

        indexes.Promote(name);
        var folder = Path.Combine(indexes.Root, name);
        var results = new BuildResults(
            count,
            DateTimeOffset.UtcNow,
            apply.TotalSeconds,
            commit.TotalSeconds,
            upsert.TotalSeconds,
            save.TotalSeconds,
            making.TotalSeconds,
            DirectorySize(Path.Combine(folder, "keyword")),
            Directory.EnumerateFiles(folder, "vectors.usearch*").Sum(file => new FileInfo(file).Length),
            ProcessMemory.Read().Peak,
            keywordOthers,
            vectorOthers);
        File.WriteAllText(context.BuildResults, JsonSerializer.Serialize(results));
        Print(results);
    }

    private static void Print(BuildResults r)
    {
        Report.Table($"Index build, {r.Papers:N0} papers ({r.At:yyyy-MM-dd HH:mm} UTC)", ["Step", "Seconds", "Papers/s", "On disk", "Others' CPU"],
        [
            ["keyword: Apply (Lucene UpdateDocument, English analyzer)", $"{r.KeywordApplySeconds:F1}", $"{r.Papers / r.KeywordApplySeconds:N0}", "", ""],
            [$"keyword: CommitKeyword every {IndexUpdater.KeywordBatch:N0} papers", $"{r.KeywordCommitSeconds:F1}", "", "", ""],
            ["**keyword total**", $"**{r.KeywordApplySeconds + r.KeywordCommitSeconds:F1}**", $"{r.Papers / (r.KeywordApplySeconds + r.KeywordCommitSeconds):N0}", $"{r.KeywordBytes / 1e6:N0} MB", $"{r.KeywordOthersPercent:F0}%"],
            [$"vectors: Upsert, batches of {IndexUpdater.VectorBatch} (USearch HNSW, f16)", $"{r.VectorUpsertSeconds:F1}", $"{r.Papers / r.VectorUpsertSeconds:N0}", "", ""],
            ["vectors: SaveVectors", $"{r.VectorSaveSeconds:F1}", "", "", ""],
            ["**vectors total**", $"**{r.VectorUpsertSeconds + r.VectorSaveSeconds:F1}**", $"{r.Papers / (r.VectorUpsertSeconds + r.VectorSaveSeconds):N0}", $"{r.VectorBytes / 1e6:N0} MB", $"{r.VectorOthersPercent:F0}%"],
            ["(not timed: making up papers and vectors)", $"{r.MakingSeconds:F1}", "", "", ""],
        ]);
        Console.WriteLine($"build process peak RSS (VmHWM): {r.PeakRssMb:N0} MB");
    }

    private static TimeSpan Timed(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started);
    }

    private static void Progress(string what, int done, int step, int total, TimeSpan spent)
    {
        if (done / 100_000 > (done - step) / 100_000 || done == total)
        {
            Console.WriteLine($"  {what}: {done:N0}/{total:N0}, {spent.TotalSeconds:F0} s in the index");
        }
    }

    private static long DirectorySize(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private sealed record BuildResults(
        int Papers,
        DateTimeOffset At,
        double KeywordApplySeconds,
        double KeywordCommitSeconds,
        double VectorUpsertSeconds,
        double VectorSaveSeconds,
        double MakingSeconds,
        long KeywordBytes,
        long VectorBytes,
        double PeakRssMb,
        double KeywordOthersPercent,
        double VectorOthersPercent);
}
