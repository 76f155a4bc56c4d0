using System.Runtime.CompilerServices;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using FSDirectory = Lucene.Net.Store.FSDirectory;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Paperwire.Search.Keyword;

/// <summary>A paper id found by a search, with the method's own score.</summary>
public sealed record Match(string PaperId, float Score);

/// <summary>
/// The BM25 index (Lucene.NET) of one index generation. Writes go through one <see cref="IndexWriter"/>;
/// searches use near-real-time readers, refreshed after each applied batch.
/// </summary>
public sealed class KeywordIndex : IDisposable
{
    private static readonly HashSet<string> IdOnly = [PaperFields.Id];

    /// <summary>Bits kept in <see cref="FilterMatches"/> of one reader; past it the cache starts over. At a million papers a filter holds 125 kB, so this keeps 256 filters.</summary>
    private const long CachedFilterBytes = 32 << 20;

    /// <summary>Filters whose per-segment documents are kept (a bit per document each, at most).</summary>
    private const int CachedFilters = 256;

    private readonly LuceneDirectory directory;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;

    /// <summary>Per segment (its core, which deletions do not change): its documents' vector keys, both ways.</summary>
    private readonly ConditionalWeakTable<object, SegmentKeys> segmentKeys = [];

    private readonly Lock filterGate = new();
    private readonly Dictionary<SearchFilters, CachingWrapperFilter?> cachedFilters = [];
    private IndexReader? filterReader;
    private Dictionary<SearchFilters, FilterMatches> filterCache = [];
    private long filterCacheBytes;

    private KeywordIndex(LuceneDirectory directory, IndexWriter writer)
    {
        this.directory = directory;
        this.writer = writer;
        searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    public Analyzer Analyzer { get; } = PaperFields.CreateAnalyzer();

    public static KeywordIndex Open(string path)
    {
        var directory = FSDirectory.Open(path);
        var config = new IndexWriterConfig(PaperFields.Version, PaperFields.CreateAnalyzer())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        };
        return new KeywordIndex(directory, new IndexWriter(directory, config));
    }

    public int Count
    {
        get
        {
            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    /// <summary>Adds or replaces papers; withdrawn papers leave the index.</summary>
    public void Apply(IEnumerable<IndexedPaper> papers)
    {
        foreach (var paper in papers)
        {
            var id = new Term(PaperFields.Id, paper.Id);
            if (paper.Withdrawn)
            {
                writer.DeleteDocuments(id);
            }
            else
            {
                writer.UpdateDocument(id, PaperFields.ToDocument(paper));
            }
        }
    }

    /// <summary>Makes applied changes durable and visible to searches.</summary>
    public void Commit()
    {
        writer.Commit();
        searchers.MaybeRefreshBlocking();
    }

    /// <param name="minimumShouldMatch">The share of a long query's words a paper must contain (0: any word).</param>
    public IReadOnlyList<Match> Search(UserQuery query, SearchFilters filters, int count, double minimumShouldMatch = 0)
    {
        if (KeywordQuery.Build(query, Analyzer, minimumShouldMatch) is not { } luceneQuery)
        {
            return [];
        }

        return WithSearcher(searcher =>
        {
            var top = searcher.Search(luceneQuery, CachedFilter(filters), count);
            return top.ScoreDocs.Select(hit => new Match(searcher.Doc(hit.Doc, IdOnly).Get(PaperFields.Id), hit.Score)).ToList();
        });
    }

    /// <summary>Paper ids of those <paramref name="keys"/> that are indexed and pass <paramref name="filters"/>.</summary>
    public IReadOnlyDictionary<ulong, string> Resolve(IReadOnlyList<ulong> keys, SearchFilters filters)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<ulong, string>();
        }

        var byText = keys.Distinct().ToDictionary(PaperKey.Text);
        var anyKey = new BooleanQuery();
        foreach (var text in byText.Keys)
        {
            anyKey.Add(new TermQuery(new Term(PaperFields.Key, text)), Occur.SHOULD);
        }

        return WithSearcher(searcher =>
        {
            var top = searcher.Search(anyKey, ToFilter(filters), byText.Count);
            var resolved = new Dictionary<ulong, string>();
            foreach (var hit in top.ScoreDocs)
            {
                var id = searcher.Doc(hit.Doc, IdOnly).Get(PaperFields.Id);
                resolved[PaperKey.For(id)] = id;
            }

            return resolved;
        });
    }

    /// <summary>Ids of every paper passing <paramref name="filters"/>, or null when more than <paramref name="limit"/> do.</summary>
    public IReadOnlyList<string>? IdsMatching(SearchFilters filters, int limit) => WithSearcher(searcher =>
    {
        var top = searcher.Search(new MatchAllDocsQuery(), ToFilter(filters), limit + 1);
        return top.TotalHits > limit ? null : (IReadOnlyList<string>)[.. top.ScoreDocs.Select(hit => searcher.Doc(hit.Doc, IdOnly).Get(PaperFields.Id))];
    });

    /// <summary>
    /// The papers passing <paramref name="filters"/>, from a cache kept per filter until the index changes: the first
    /// search with a filter walks its documents once, later ones only look keys up. Null when the filters narrow
    /// nothing (none set, or only blanks).
    /// </summary>
    public FilterMatches? Matching(SearchFilters filters) => CachedFilter(filters) is not { } filter ? null : WithSearcher(searcher =>
    {
        var reader = searcher.IndexReader;
        lock (filterGate)
        {
            if (filterReader == reader && filterCache.TryGetValue(filters, out var cached))
            {
                return cached;
            }
        }

        var matches = Collect(reader, filter);
        lock (filterGate)
        {
            if (filterReader != reader || filterCacheBytes + matches.Bytes > CachedFilterBytes)
            {
                (filterReader, filterCache, filterCacheBytes) = (reader, [], 0);
            }

            if (filterCache.TryAdd(filters, matches))
            {
                filterCacheBytes += matches.Bytes;
            }
        }

        return matches;
    });

    private FilterMatches Collect(IndexReader reader, Filter filter)
    {
        var parts = new List<FilterMatches.Part>(reader.Leaves.Count);
        foreach (var leaf in reader.Leaves)
        {
            if (filter.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.GetIterator() is not { } documents)
            {
                continue;
            }

            var keys = segmentKeys.GetValue(leaf.AtomicReader.CoreCacheKey, _ => SegmentKeys.Read(leaf.AtomicReader));
            var passing = new FixedBitSet(leaf.AtomicReader.MaxDoc);
            var count = 0;
            for (var doc = documents.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = documents.NextDoc())
            {
                if (keys.KeyOf[doc] != 0)
                {
                    passing.Set(doc);
                    count++;
                }
            }

            parts.Add(new FilterMatches.Part(keys, passing, count));
        }

        return new FilterMatches(parts);
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> action)
    {
        var searcher = searchers.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>
    /// The filter as Lucene caches it: each segment's matching documents are found once (a date range walks many
    /// terms) and reused by every later search with the same filters until the segment is merged away.
    /// </summary>
    private CachingWrapperFilter? CachedFilter(SearchFilters filters)
    {
        if (filters.IsEmpty)
        {
            return null;
        }

        lock (filterGate)
        {
            if (!cachedFilters.TryGetValue(filters, out var cached))
            {
                if (cachedFilters.Count >= CachedFilters)
                {
                    cachedFilters.Clear();
                }

                cached = ToFilter(filters) is { } filter ? new CachingWrapperFilter(filter) : null;
                cachedFilters[filters] = cached;
            }

            return cached;
        }
    }

    private static QueryWrapperFilter? ToFilter(SearchFilters filters)
    {
        if (filters.IsEmpty)
        {
            return null;
        }

        var all = new BooleanQuery();
        if (filters.From is not null || filters.To is not null)
        {
            all.Add(NumericRangeQuery.NewInt32Range(
                PaperFields.Date,
                filters.From is { } from ? PaperFields.DateNumber(from) : null,
                filters.To is { } to ? PaperFields.DateNumber(to) : null,
                minInclusive: true,
                maxInclusive: true), Occur.MUST);
        }

        if (!string.IsNullOrWhiteSpace(filters.Category))
        {
            all.Add(new TermQuery(new Term(PaperFields.Category, filters.Category.Trim().ToLowerInvariant())), Occur.MUST);
        }

        if (!string.IsNullOrWhiteSpace(filters.Organization))
        {
            all.Add(new TermQuery(new Term(PaperFields.Organization, filters.Organization.Trim())), Occur.MUST);
        }

        if (filters.InDailyFeedOnly)
        {
            all.Add(new TermQuery(new Term(PaperFields.InFeed, "1")), Occur.MUST);
        }

        return all.Clauses.Count == 0 ? null : new QueryWrapperFilter(all);
    }

    public void Dispose()
    {
        searchers.Dispose();
        writer.Dispose();
        Analyzer.Dispose();
        directory.Dispose();
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
