using System.Diagnostics;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Keyword;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// Opens the built generation in a fresh process, as a restarted server does, and measures its memory and the
/// latency of each kind of search: one thread, one query at a time, a Stopwatch around each <see cref="PaperSearch.Search"/>
/// call (first page of 10), after a warm-up pass over every query.
/// </summary>
internal static class LatencyPhase
{
    private const double HybridP50Target = 10;
    private const double HybridP99Target = 50;
    private const double EmbeddingP50Target = 15;
    private const double FilteredP50Target = 15;
    private const double FilteredP99Target = 60;
    private const double RssTargetMb = 3000;

    public static bool Run(BenchContext context)
    {
        context.RequireBuilt();
        var queries = context.Queries;
        var embedder = context.Embedder;
        var atStart = ProcessMemory.Read();

        using var indexes = context.OpenIndexes();
        var opening = Stopwatch.GetTimestamp();
        var generation = indexes.Current;
        var papers = generation.Keyword.Count;
        var vectors = generation.Vectors?.Count ?? 0;
        var openSeconds = Stopwatch.GetElapsedTime(opening).TotalSeconds;
        var opened = ProcessMemory.Steady();
        Console.WriteLine($"latency: opened generation {generation.Name} in {openSeconds:F1} s: {papers:N0} papers, {vectors:N0} vectors");
        Console.WriteLine($"  memory before opening: {atStart}");
        Console.WriteLine($"  memory with the index open: {opened}");

        var loading = Stopwatch.GetTimestamp();
        embedder.EmbedQuery("warm up the model");
        Console.WriteLine($"  model loaded in {Stopwatch.GetElapsedTime(loading).TotalSeconds:F1} s; {queries.Count} distinct queries");

        var search = new PaperSearch(indexes, context.SearchOptions);
        var passes = (context.Options.Measured + queries.Count - 1) / queries.Count;
        var order = QuerySet.Shuffle(Enumerable.Range(0, passes).SelectMany(_ => Enumerable.Range(0, queries.Count)), new Rng(context.Options.Seed, 0x1A7E));
        float[][] queryVectors = [.. queries.Select(embedder.EmbedQuery)];

        SearchOutcome Run(int q, SearchMode mode, bool precomputed, SearchFilters? filters = null) =>
            search.Search(new SearchRequest(queries[q], filters ?? SearchFilters.None, 0, 10, mode), precomputed ? queryVectors[q] : null);

        // Where hybrid search's time goes: its three index calls on their own.
        var ann = generation.Vectors!;
        var depth = search.MaxResults;
        ulong[][] neighbours = [.. queryVectors.Select(v => ann.Search(v, depth + 1).Select(n => n.Key).ToArray())];
        var strictness = context.SearchOptions.Value.HybridKeywordMatch;

        // Filters of every size (docs/benchmarks.md, "Filtered search (issue 14)"): an archive, a category past the
        // exact-scan limit, one just under it, a rare one; a year of dates, and dates that differ on every query (so
        // no search finds its filter cached).
        var wide = new SearchFilters { Category = "cs" };
        var mid = new SearchFilters { Category = CategoryMatching(context, 30_000) };
        var nearLimit = new SearchFilters { Category = CategoryMatching(context, 18_000) };
        var rare = new SearchFilters { Category = CategoryMatching(context, 5_000) };
        var year = new SearchFilters { From = new DateOnly(2025, 6, 1), To = new DateOnly(2026, 5, 31) };
        // Most of the corpus is from the first half of 2025 (the shipped sample's ids are yymm).
        SearchFilters Month(int q) => new() { From = new DateOnly(2025, 1, 1).AddDays(q % 150), To = new DateOnly(2025, 1, 31).AddDays(q % 150) };
        SearchFilters Day(int q) => new() { From = new DateOnly(2025, 1, 1).AddDays(q % 150), To = new DateOnly(2025, 1, 1).AddDays(q % 150) };
        Func<int, int> Hybrid(SearchFilters filters) => q => Run(q, SearchMode.Hybrid, true, filters).Results.Count;
        var filterRows = new (string Name, Func<int, int> Query)[]
        {
            ($"hybrid + filter category `{wide.Category}` (precomputed)", Hybrid(wide)),
            ($"hybrid + filter category `{mid.Category}` (precomputed)", Hybrid(mid)),
            ($"hybrid + filter category `{nearLimit.Category}` (precomputed)", Hybrid(nearLimit)),
            ($"hybrid + filter category `{rare.Category}` (precomputed)", Hybrid(rare)),
            ("hybrid + filter 2025-06-01..2026-05-31 (precomputed)", Hybrid(year)),
            ("hybrid + filter of a month of 2025, a different one per query (precomputed; rarely cached)", q => Run(q, SearchMode.Hybrid, true, Month(q)).Results.Count),
            ("hybrid + filter of a day of 2025, a different one per query (precomputed; rarely cached)", q => Run(q, SearchMode.Hybrid, true, Day(q)).Results.Count),
            ($"vector only + filter category `{wide.Category}` (precomputed)", q => Run(q, SearchMode.Semantic, true, wide).Results.Count),
            ($"vector only + filter category `{mid.Category}` (precomputed)", q => Run(q, SearchMode.Semantic, true, mid).Results.Count),
            ($"vector only + filter category `{nearLimit.Category}` (precomputed)", q => Run(q, SearchMode.Semantic, true, nearLimit).Results.Count),
        };

        var rows = new List<Row>();
        if (!context.Options.FilteredOnly)
        {
            rows.Add(Measure("query embedding alone (EmbedQuery)", queries.Count, order, q => embedder.EmbedQuery(queries[q]).Length));
            rows.Add(Measure("keyword only", queries.Count, order, q => Run(q, SearchMode.Keyword, true).Results.Count));
        }

        rows.Add(Measure("vector only, precomputed query vector", queries.Count, order, q => Run(q, SearchMode.Semantic, true).Results.Count));
        rows.Add(Measure("**hybrid, precomputed query vector**", queries.Count, order, q => Run(q, SearchMode.Hybrid, true).Results.Count));
        if (!context.Options.FilteredOnly)
        {
            rows.Add(Measure($"  part: VectorIndex.Search(k = {depth + 1})", queries.Count, order, q => ann.Search(queryVectors[q], depth + 1).Count));
            rows.Add(Measure($"  part: KeywordIndex.Resolve of those {depth + 1} keys (key → paper id)", queries.Count, order, q => generation.Keyword.Resolve(neighbours[q], SearchFilters.None).Count));
            rows.Add(Measure($"  part: KeywordIndex.Search top {depth}, {strictness:P0} of the words", queries.Count, order, q => generation.Keyword.Search(UserQuery.Parse(queries[q]), SearchFilters.None, depth, strictness).Count));
            rows.Add(Measure("**hybrid including the query embedding**", queries.Count, order, q => Run(q, SearchMode.Hybrid, false).Results.Count));
        }

        rows.AddRange(filterRows.Select(row => Measure(row.Name, queries.Count, order, row.Query)));

        var steady = ProcessMemory.Steady();
        Report.Table($"Latency, {papers:N0} papers, one thread, first page of 10 ({order.Count:N0} timed queries per row after a warm-up pass of {queries.Count})",
            ["Row", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "thread CPU p50 ms", "thread CPU p99 ms", "process CPU p50 ms", "process CPU p99 ms", "mean results", "others' CPU"],
            rows.Select(r => new[]
            {
                r.Name, Report.Ms(r.Times.Percentile(50)), Report.Ms(r.Times.Percentile(90)), Report.Ms(r.Times.Percentile(99)),
                Report.Ms(r.Times.Max), Report.Ms(r.Times.Mean), Report.Ms(r.Times.CpuPercentile(50)), Report.Ms(r.Times.CpuPercentile(99)),
                Report.Ms(r.Times.ProcessCpuPercentile(50)), Report.Ms(r.Times.ProcessCpuPercentile(99)),
                $"{r.MeanResults:F1}", $"{r.OthersPercent:F0}%",
            }));
        Console.WriteLine($"memory after the queries (after a full GC): {steady}; managed heap {GC.GetTotalMemory(false) / 1e6:N0} MB");
        Console.WriteLine($"filters: papers passing `{wide.Category}` {Matching(generation, wide)}, `{mid.Category}` {Matching(generation, mid)}, " +
            $"`{nearLimit.Category}` {Matching(generation, nearLimit)}, `{rare.Category}` {Matching(generation, rare)}, the year {Matching(generation, year)}, " +
            $"a month {Matching(generation, Month(100))}, a day {Matching(generation, Day(100))}");

        var hybrid = rows.Single(r => r.Name.StartsWith("**hybrid, precomputed", StringComparison.Ordinal)).Times;
        var met = Report.Target("hybrid p50, excluding the query embedding", hybrid.Percentile(50), "ms", HybridP50Target, atMost: true);
        met &= Report.Target("hybrid p99, excluding the query embedding", hybrid.Percentile(99), "ms", HybridP99Target, atMost: true);
        foreach (var row in rows.Where(r => r.Name.StartsWith("hybrid + filter", StringComparison.Ordinal)))
        {
            met &= Report.Target($"{row.Name} p50", row.Times.Percentile(50), "ms", FilteredP50Target, atMost: true);
            met &= Report.Target($"{row.Name} p99", row.Times.Percentile(99), "ms", FilteredP99Target, atMost: true);
        }

        if (!context.Options.FilteredOnly)
        {
            met &= Report.Target("query embedding p50", rows[0].Times.Percentile(50), "ms", EmbeddingP50Target, atMost: true);
        }

        met &= Report.Target("RSS with the index loaded, after the queries (VmRSS)", steady.Rss, "MB", RssTargetMb, atMost: true);
        met &= Report.Target("peak RSS of the serving process (VmHWM)", steady.Peak, "MB", RssTargetMb, atMost: true);
        return met;
    }

    private static Row Measure(string name, int warmUp, List<int> order, Func<int, int> query)
    {
        for (var q = 0; q < warmUp; q++)
        {
            query(q);
        }

        var times = new Latencies();
        var meter = new CpuMeter();
        long results = 0;
        foreach (var q in order)
        {
            results += times.Time(() => query(q));
        }

        var row = new Row(name, times, (double)results / order.Count, meter.OthersPercent());
        Console.WriteLine($"  {name}: p50 {Report.Ms(times.Percentile(50))} ms, p99 {Report.Ms(times.Percentile(99))} ms " +
            $"(thread CPU p50 {Report.Ms(times.CpuPercentile(50))}, p99 {Report.Ms(times.CpuPercentile(99))} ms), others {row.OthersPercent:F0}%");
        return row;
    }

    /// <summary>
    /// The category about <paramref name="papers"/> papers of the corpus are in: a synthetic paper takes its primary
    /// source's categories, and a category filter matches any of a paper's categories.
    /// </summary>
    private static string CategoryMatching(BenchContext context, int papers)
    {
        var sources = context.Sources.Papers;
        var share = (double)papers / context.Options.Papers;
        return sources.SelectMany(p => p.Categories.Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(c => c.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .MinBy(g => Math.Abs(((double)g.Count() / sources.Count) - share))!.Key;
    }

    /// <summary>Counted through <c>IdsMatching</c>, which the code before issue 14 has too (so both runs print it).</summary>
    private static string Matching(Paperwire.Search.Indexing.IndexGeneration generation, SearchFilters filters) =>
        generation.Keyword.IdsMatching(filters, 1_000_000)?.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "more than 1,000,000";

    private sealed record Row(string Name, Latencies Times, double MeanResults, double OthersPercent);
}
