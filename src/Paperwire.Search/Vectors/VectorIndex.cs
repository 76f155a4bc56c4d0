using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Cloud.Unum.USearch;

namespace Paperwire.Search.Vectors;

/// <summary>
/// Approximate nearest neighbours over paper vectors, keyed by <see cref="PaperKey"/>: a list of USearch HNSW
/// graphs (cosine, stored as f16) of at most <see cref="DefaultSegmentCapacity"/> vectors each, searched side by side
/// and merged, as Lucene searches its per-segment graphs. One graph of a million synthetic papers found 0.735 of
/// the true ten nearest at expansion 128; five graphs of 200,000 found 0.969, ten of 100,000 0.981
/// (docs/benchmarks.md): recall of a graph falls as it grows dense, and segments keep every graph at a size
/// where it is still high, for about 1 ms per graph and search.
/// New vectors go into the last segment until it is full. One lock guards every call: USearch hands each
/// concurrent call on a graph a scratch space from a pool sized at reserve time, and serializing is simpler
/// than sizing that pool for every web request.
/// </summary>
public sealed class VectorIndex : IDisposable
{
    /// <summary>Vectors per segment: recall@10 0.969 at expansion 128 with a million papers in five (benchmark).</summary>
    public const int DefaultSegmentCapacity = 200_000;

    // Connectivity 16 and expansion 128 on add are USearch's defaults; the benchmark found a denser graph buys little.
    private const ulong Connectivity = 16;
    private const ulong ExpansionAdd = 128;

    /// <summary>Candidates each graph explores per search (USearch does not save it with the index; see Search).</summary>
    public const int ExpansionSearch = 128;

    /// <summary>Memory for gathered vectors of filtered searches (int8: 200,000 papers of 384 dimensions are 79 MB).</summary>
    public const long ScanCacheBytes = 256L << 20;

    /// <summary>Papers an exact scan ranks by int8 and scores again exactly, per result asked for.</summary>
    private const int RescoredPerResult = 4;

    private static readonly ParallelOptions SegmentParallelism = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private readonly List<Segment> segments = [];
    private readonly Dictionary<ulong, Segment> segmentOf = [];

    /// <summary>Paper id by key, so a search maps its neighbours to papers without asking Lucene.</summary>
    private readonly Dictionary<ulong, string> ids = [];

    private readonly int segmentCapacity;
    private readonly Lock gate = new();
    private int saves;

    /// <summary>Gathered vectors of filters, by their match set; dropped when the set is (a new keyword reader).</summary>
    private readonly ConditionalWeakTable<object, ScanSet> scans = [];
    private long scanBytes;

    /// <summary>Bumped by every change, so gathered vectors are never older than the index.</summary>
    private long version;

    private VectorIndex(int dimensions, int segmentCapacity)
    {
        Dimensions = dimensions;
        this.segmentCapacity = segmentCapacity;
    }

    public int Dimensions { get; }

    public long Count
    {
        get
        {
            lock (gate)
            {
                return segmentOf.Count;
            }
        }
    }

    /// <summary>How many graphs the vectors are spread over.</summary>
    public int SegmentCount
    {
        get
        {
            lock (gate)
            {
                return segments.Count;
            }
        }
    }

    public static VectorIndex Create(int dimensions, int segmentCapacity = DefaultSegmentCapacity) => new(dimensions, segmentCapacity);

    /// <summary>Loads a saved index, or creates an empty one when nothing was saved at <paramref name="path"/>.</summary>
    public static VectorIndex OpenOrCreate(string path, int dimensions, int segmentCapacity = DefaultSegmentCapacity)
    {
        var index = new VectorIndex(dimensions, segmentCapacity);
        var manifest = VectorManifest.Read(path);
        if (manifest is null)
        {
            return index;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        index.saves = manifest.Saves;
        foreach (var file in manifest.SegmentFiles)
        {
            var graph = new USearchIndex(Path.Combine(folder, file));
            if ((int)graph.Dimensions() != dimensions)
            {
                graph.Dispose();
                index.Dispose();
                throw new InvalidDataException($"{file} holds vectors of {graph.Dimensions()} dimensions, expected {dimensions}.");
            }

            // A graph saved before segments lives at the manifest's own path: save it anew before the manifest replaces it.
            index.segments.Add(new Segment(graph, manifest.Saves == 0 ? null : file));
        }

        var keysFile = Path.Combine(folder, manifest.KeysFile);
        foreach (var line in File.Exists(keysFile) ? File.ReadLines(keysFile) : [])
        {
            // key, segment number, paper id (empty when the vector was added by key alone); before segments: key, id
            var parts = line.Split('\t', 3);
            var (segmentText, id) = parts.Length == 3 ? (parts[1], parts[2]) : ("0", parts[^1]);
            if (parts.Length >= 2
                && ulong.TryParse(parts[0], CultureInfo.InvariantCulture, out var key)
                && int.TryParse(segmentText, CultureInfo.InvariantCulture, out var segment)
                && segment >= 0 && segment < index.segments.Count)
            {
                index.segmentOf[key] = index.segments[segment];
                if (id.Length > 0)
                {
                    index.ids[key] = id;
                }
            }
        }

        return index;
    }

    /// <summary>Adds or replaces the vectors of papers, remembering their ids.</summary>
    public void Upsert(IReadOnlyList<string> paperIds, IReadOnlyList<float[]> vectors)
    {
        var keys = paperIds.Select(PaperKey.For).ToList();
        lock (gate)
        {
            Upsert(keys, vectors);
            for (var i = 0; i < keys.Count; i++)
            {
                ids[keys[i]] = paperIds[i];
            }
        }
    }

    /// <summary>The paper id of <paramref name="key"/>, when it was added with one.</summary>
    public bool TryGetPaperId(ulong key, out string paperId)
    {
        lock (gate)
        {
            return ids.TryGetValue(key, out paperId!);
        }
    }

    /// <summary>Adds or replaces vectors.</summary>
    public void Upsert(IReadOnlyList<ulong> keys, IReadOnlyList<float[]> vectors)
    {
        lock (gate)
        {
            version++;
            foreach (var key in keys)
            {
                RemoveLocked(key);
            }

            for (var done = 0; done < keys.Count;)
            {
                var segment = WritableSegment();
                var take = Math.Min(keys.Count - done, segmentCapacity - (int)segment.Graph.Size());
                // The batch overload reserves capacity once for the whole batch.
                segment.Graph.Add([.. keys.Skip(done).Take(take)], [.. vectors.Skip(done).Take(take)]);
                segment.Dirty = true;
                for (var i = done; i < done + take; i++)
                {
                    segmentOf[keys[i]] = segment;
                }

                done += take;
            }
        }
    }

    public void Remove(IEnumerable<ulong> keys)
    {
        lock (gate)
        {
            version++;
            foreach (var key in keys)
            {
                RemoveLocked(key);
                ids.Remove(key);
            }
        }
    }

    /// <summary>The nearest keys to <paramref name="query"/>, closest first, with cosine similarity.</summary>
    public IReadOnlyList<(ulong Key, float Similarity)> Search(float[] query, int count) => Search(query, count, allowed: null);

    /// <summary>
    /// The nearest keys that <paramref name="allowed"/> lets through, closest first: each graph's own filtered search, which walks
    /// the graph as usual but only collects keys that pass, so a filter passed by a fair share of the papers costs
    /// little more than an unfiltered search. For a small share, <see cref="SearchAmong"/> is faster and exact.
    /// </summary>
    public IReadOnlyList<(ulong Key, float Similarity)> Search(float[] query, int count, Func<ulong, bool>? allowed)
    {
        if (count <= 0)
        {
            return [];
        }

        lock (gate)
        {
            // USearch does not save the search expansion with a graph, so a reloaded one would search with its
            // default (64). Asking each graph for at least ExpansionSearch neighbours makes it explore that many.
            var wanted = Math.Max(count, ExpansionSearch);
            if (segments.Count == 1)
            {
                return SearchSegment(segments[0], query, count, wanted, allowed);
            }

            // The graphs are independent, so they are searched on every core at once (each by one thread only).
            var perSegment = new (ulong Key, float Similarity)[segments.Count][];
            Parallel.For(0, segments.Count, SegmentParallelism, s => perSegment[s] = SearchSegment(segments[s], query, count, wanted, allowed));
            return [.. perSegment.SelectMany(hits => hits).OrderByDescending(hit => hit.Similarity).Take(count)];
        }
    }

    /// <summary>
    /// The nearest of <paramref name="keys"/> by an exact scan of their vectors (keys without a vector are skipped),
    /// closest first: for filters a graph search would have to wade through many other papers to satisfy. The
    /// vectors are gathered once into one contiguous array per <paramref name="owner"/> (the filter's match set) and
    /// kept while the index does not change and they fit in <see cref="ScanCacheBytes"/>, so a repeated filter
    /// costs one pass over memory, split over the cores.
    /// </summary>
    public IReadOnlyList<(ulong Key, float Similarity)> SearchAmong(float[] query, object owner, IReadOnlyList<ulong> keys, int count)
    {
        if (count <= 0 || keys.Count == 0)
        {
            return [];
        }

        ScanSet set;
        lock (gate)
        {
            if (!scans.TryGetValue(owner, out set!) || set.Version != version)
            {
                set = Gather(keys);
                if (set.Bytes <= ScanCacheBytes)
                {
                    if (scanBytes + set.Bytes > ScanCacheBytes)
                    {
                        scans.Clear();
                        scanBytes = 0;
                    }

                    scans.AddOrUpdate(owner, set);
                    scanBytes += set.Bytes;
                }
            }
        }

        // The set is never changed once gathered, so the scan needs no lock. It ranks by the int8 vectors' dot
        // product with the unit query (their cosine, to about a percent), keeps a few times the papers asked for, and
        // scores those again from the stored vectors, so the order returned is the exact one.
        var unit = Normalized(query);
        var quantized = new sbyte[Dimensions];
        var queryScale = Int8Vectors.Quantize(unit, quantized);
        var candidates = count * RescoredPerResult;
        var parts = Math.Clamp(set.Keys.Length / 4096, 1, Environment.ProcessorCount);
        var perPart = new List<int>[parts];
        Parallel.For(0, parts, SegmentParallelism, part =>
        {
            var top = new PriorityQueue<int, float>(candidates + 1);
            var end = (int)((long)set.Keys.Length * (part + 1) / parts);
            for (var i = (int)((long)set.Keys.Length * part / parts); i < end; i++)
            {
                var similarity = set.Vectors.Dot(i, quantized, queryScale);
                if (top.Count < candidates)
                {
                    top.Enqueue(i, similarity);
                }
                else if (top.TryPeek(out _, out var least) && similarity > least)
                {
                    top.DequeueEnqueue(i, similarity);
                }
            }

            perPart[part] = [.. top.UnorderedItems.Select(item => item.Element)];
        });
        return Rescore(unit, [.. perPart.SelectMany(indexes => indexes).Select(i => set.Keys[i])], count);
    }

    /// <summary>
    /// <paramref name="keys"/> scored exactly against the unit <paramref name="query"/> from their stored vectors,
    /// closest first; a key removed since it was gathered is left out.
    /// </summary>
    private List<(ulong Key, float Similarity)> Rescore(float[] query, ulong[] keys, int count)
    {
        var scored = new List<(ulong Key, float Similarity)>(keys.Length);
        Span<Half> stored = stackalloc Half[Dimensions];
        Span<float> vector = stackalloc float[Dimensions];
        lock (gate)
        {
            foreach (var key in keys)
            {
                if (segmentOf.TryGetValue(key, out var segment) && NativeGraph.TryGet(segment.Handle, key, stored))
                {
                    TensorPrimitives.ConvertToSingle(stored, vector);
                    scored.Add((key, TensorPrimitives.CosineSimilarity(query, vector)));
                }
            }
        }

        return [.. scored.OrderByDescending(hit => hit.Similarity).ThenBy(hit => hit.Key).Take(count)];
    }

    private static float[] Normalized(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        var unit = (float[])vector.Clone();
        if (norm > 0)
        {
            TensorPrimitives.Divide(unit, norm, unit);
        }

        return unit;
    }

    /// <summary>The vectors of <paramref name="keys"/> (read as stored, f16, out of USearch) side by side as int8.</summary>
    private ScanSet Gather(IReadOnlyList<ulong> keys)
    {
        var found = new ulong[keys.Count];
        var vectors = new Int8Vectors(Dimensions, keys.Count);
        Span<Half> stored = stackalloc Half[Dimensions];
        var vector = new float[Dimensions];
        foreach (var key in keys)
        {
            if (segmentOf.TryGetValue(key, out var segment) && NativeGraph.TryGet(segment.Handle, key, stored))
            {
                // The model's vectors are unit length; one that is not is made so, for the scan's dot products.
                TensorPrimitives.ConvertToSingle(stored, vector);
                var norm = TensorPrimitives.Norm(vector);
                if (norm > 0 && Math.Abs(norm - 1) > 1e-3f)
                {
                    TensorPrimitives.Divide(vector, norm, vector);
                }

                found[vectors.Count] = key;
                vectors.Add(vector);
            }
        }

        return new ScanSet(version, found[..vectors.Count], vectors);
    }

    private static (ulong Key, float Similarity)[] SearchSegment(Segment segment, float[] query, int count, int wanted, Func<ulong, bool>? allowed)
    {
        if (segment.Graph.Size() == 0)
        {
            return [];
        }

        ulong[] keys;
        float[] distances;
        int found;
        if (allowed is null)
        {
            found = Math.Min(count, segment.Graph.Search(query, wanted, out keys, out distances));
        }
        else
        {
            (keys, distances) = (new ulong[wanted], new float[wanted]);
            found = Math.Min(count, NativeGraph.FilteredSearch(segment.Handle, query, allowed, keys, distances));
        }

        var hits = new (ulong, float)[found];
        for (var i = 0; i < found; i++)
        {
            hits[i] = (keys[i], 1 - distances[i]);
        }

        return hits;
    }

    public bool TryGet(ulong key, out float[] vector)
    {
        lock (gate)
        {
            if (segmentOf.TryGetValue(key, out var segment) && segment.Graph.Get(key, out float[] found) > 0)
            {
                vector = found;
                return true;
            }
        }

        vector = [];
        return false;
    }

    /// <summary>
    /// Saves the segments that changed under new file names, then switches the manifest at <paramref name="path"/>
    /// to them in one rename, so a crash at any point leaves the previous complete index.
    /// </summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        lock (gate)
        {
            saves++;
            foreach (var (segment, number) in segments.Select((s, i) => (s, i)))
            {
                if (segment.Dirty || segment.File is null)
                {
                    segment.File = $"{name}.{number}.{saves}";
                    segment.Graph.Save(Path.Combine(folder, segment.File));
                    segment.Dirty = false;
                }
            }

            var keysFile = $"{name}.keys.{saves}";
            var numbers = segments.Select((s, i) => (s, i)).ToDictionary(pair => pair.s, pair => pair.i);
            File.WriteAllLines(Path.Combine(folder, keysFile), segmentOf.Select(pair =>
                $"{PaperKey.Text(pair.Key)}\t{numbers[pair.Value].ToString(CultureInfo.InvariantCulture)}\t{ids.GetValueOrDefault(pair.Key, "")}"));
            var manifest = new VectorManifest(saves, [.. segments.Select(s => s.File!)], keysFile);
            manifest.Write(path);
            manifest.DeleteOtherFiles(folder, name);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var segment in segments)
            {
                segment.Graph.Dispose();
            }

            segments.Clear();
        }
    }

    private Segment WritableSegment()
    {
        if (segments.Count == 0 || (int)segments[^1].Graph.Size() >= segmentCapacity)
        {
            segments.Add(new Segment(new USearchIndex(MetricKind.Cos, ScalarKind.Float16, (ulong)Dimensions, Connectivity, ExpansionAdd, ExpansionSearch), null));
        }

        return segments[^1];
    }

    private void RemoveLocked(ulong key)
    {
        if (segmentOf.Remove(key, out var segment))
        {
            segment.Graph.Remove(key);
            segment.Dirty = true;
        }
    }

    /// <summary>Vectors of some keys side by side (int8), as of one <see cref="version"/>.</summary>
    private sealed record ScanSet(long Version, ulong[] Keys, Int8Vectors Vectors)
    {
        public long Bytes => (Keys.Length * sizeof(ulong)) + Vectors.Bytes;
    }

    /// <summary>One USearch graph and the file it was last saved to (null: never saved).</summary>
    private sealed class Segment(USearchIndex graph, string? file)
    {
        public USearchIndex Graph { get; } = graph;

        /// <summary>The native index, for the calls the wrapper lacks (<see cref="NativeGraph"/>).</summary>
        public nint Handle { get; } = NativeGraph.Handle(graph);

        public string? File { get; set; } = file;

        public bool Dirty { get; set; }
    }
}
