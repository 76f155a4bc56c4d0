using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Paperwire.Bench.Search.Measurement;
using Paperwire.Search;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace Paperwire.Bench.Search.Phases;

/// <summary>
/// Diagnostic for the slowest part of vector search at 1M papers: turning the ANN's keys back into paper ids
/// (<c>KeywordIndex.Resolve</c>). Times the app's call, then ways of doing the same on a second reader of the same
/// Lucene index, to tell how much of the cost is the query and how much the stored fields. The field names are
/// the app's (<c>PaperFields.Key</c>, <c>PaperFields.Id</c>, internal there).
/// </summary>
internal static class ResolvePhase
{
    private const string KeyField = "key";
    private const string IdField = "id";
    private static readonly HashSet<string> IdOnly = [IdField];

    public static void Run(BenchContext context)
    {
        context.RequireBuilt();
        using var indexes = context.OpenIndexes();
        var generation = indexes.Current;
        var ann = generation.Vectors!;
        ulong[][] neighbours = [.. context.Queries.Select(q => ann.Search(context.Embedder.EmbedQuery(q), 101).Select(n => n.Key).ToArray())];

        using var directory = FSDirectory.Open(Path.Combine(generation.Folder, "keyword"));
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        Console.WriteLine($"resolve: {neighbours.Length} key lists of 101, index of {reader.NumDocs:N0} papers in {reader.Leaves.Count} segments");

        var rows = new List<string[]>
        {
            Measure("KeywordIndex.Resolve (the app: BooleanQuery of 101 TermQuery, scored, then stored ids)", neighbours, keys => generation.Keyword.Resolve(keys, SearchFilters.None).Count),
            Measure("the app's BooleanQuery on a second reader (DirectoryReader.Open) + stored ids", neighbours, keys =>
            {
                var anyKey = new BooleanQuery();
                foreach (var key in keys)
                {
                    anyKey.Add(new TermQuery(new Term(KeyField, PaperKey.Text(key))), Occur.SHOULD);
                }

                var top = searcher.Search(anyKey, null, keys.Length);
                return top.ScoreDocs.Count(hit => searcher.Doc(hit.Doc, IdOnly).Get(IdField) is not null);
            }),
            Measure("ConstantScoreQuery(TermsFilter) + stored ids", neighbours, keys =>
            {
                var terms = keys.Select(k => new BytesRef(PaperKey.Text(k))).ToList();
                var top = searcher.Search(new ConstantScoreQuery(new TermsFilter(KeyField, terms)), keys.Length);
                return top.ScoreDocs.Count(hit => searcher.Doc(hit.Doc, IdOnly).Get(IdField) is not null);
            }),
            Measure("per-segment TermsEnum.SeekExact + stored ids", neighbours, keys => SeekExact(reader, keys).Count(doc => reader.Document(doc, IdOnly).Get(IdField) is not null)),
            Measure("per-segment TermsEnum.SeekExact, doc numbers only", neighbours, keys => SeekExact(reader, keys).Count),
        };
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var ids = new Dictionary<ulong, string>(context.Corpus.Count);
        for (var i = 0; i < context.Corpus.Count; i++)
        {
            ids[context.Corpus.Key(i)] = context.Corpus.Id(i);
        }

        var megabytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1e6;
        rows.Add(Measure($"in-memory Dictionary<ulong, string> of every paper ({megabytes:N0} MB managed)", neighbours, keys => keys.Count(k => ids.ContainsKey(k))));
        Report.Table("Resolving 101 ANN keys to paper ids (one thread, every query once after a warm-up pass)", ["Way", "p50 ms", "p99 ms", "mean ms", "thread CPU p50 ms", "thread CPU p99 ms", "GC"], rows);
    }

    private static List<int> SeekExact(DirectoryReader reader, ulong[] keys)
    {
        var sorted = keys.Select(k => new BytesRef(PaperKey.Text(k))).Order().ToArray();
        var docs = new List<int>(keys.Length);
        foreach (var leaf in reader.Leaves)
        {
            var termsEnum = leaf.AtomicReader.GetTerms(KeyField)?.GetEnumerator();
            if (termsEnum is null)
            {
                continue;
            }

            DocsEnum? reuse = null;
            foreach (var term in sorted)
            {
                if (termsEnum.SeekExact(term))
                {
                    reuse = termsEnum.Docs(leaf.AtomicReader.LiveDocs, reuse, DocsFlags.NONE);
                    var doc = reuse.NextDoc();
                    if (doc != DocIdSetIterator.NO_MORE_DOCS)
                    {
                        docs.Add(leaf.DocBase + doc);
                    }
                }
            }
        }

        return docs;
    }

    private static string[] Measure(string name, ulong[][] lists, Func<ulong[], int> resolve)
    {
        foreach (var keys in lists)
        {
            resolve(keys);
        }

        var times = new Latencies();
        var found = 0L;
        var paused = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes();
        foreach (var keys in lists)
        {
            found += times.Time(() => resolve(keys));
        }

        var gc = $"{(GC.GetTotalAllocatedBytes() - allocated) / 1e6 / lists.Length:F1} MB allocated, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / lists.Length:F2} ms in GC pauses per call; {GC.CollectionCount(0) - collections} collections";

        Console.WriteLine($"  {name}: p50 {Report.Ms(times.Percentile(50))} ms (thread CPU {Report.Ms(times.CpuPercentile(50))} ms), {found / (double)lists.Length:F1} found; {gc}");
        return [name, Report.Ms(times.Percentile(50)), Report.Ms(times.Percentile(99)), Report.Ms(times.Mean), Report.Ms(times.CpuPercentile(50)), Report.Ms(times.CpuPercentile(99)), gc];
    }
}
