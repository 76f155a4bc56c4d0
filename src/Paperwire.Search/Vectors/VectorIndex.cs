using Cloud.Unum.USearch;

namespace Paperwire.Search.Vectors;

/// <summary>
/// Approximate nearest neighbours over paper vectors (USearch HNSW, cosine, stored as f16), keyed by
/// <see cref="PaperKey"/>. One lock guards every call: USearch hands each concurrent call a scratch space from
/// a pool sized at reserve time, and a search costs well under a millisecond, so serializing is cheaper than
/// risking an empty pool.
/// </summary>
public sealed class VectorIndex : IDisposable
{
    // Connectivity 16 and expansion 128/64 are USearch's defaults; the 1M benchmark measures recall with them
    // (docs/benchmarks.md), and ExpansionSearch was raised where recall@10 fell short of 0.95.
    private const ulong Connectivity = 16;
    private const ulong ExpansionAdd = 128;
    public const ulong ExpansionSearch = 128;

    private readonly USearchIndex index;
    private readonly Lock gate = new();

    /// <summary>Paper id by key, so an unfiltered search maps its neighbours to papers without asking Lucene.</summary>
    private readonly Dictionary<ulong, string> ids = [];

    private VectorIndex(USearchIndex index, int dimensions)
    {
        this.index = index;
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public long Count
    {
        get
        {
            lock (gate)
            {
                return (long)index.Size();
            }
        }
    }

    public static VectorIndex Create(int dimensions) =>
        new(new USearchIndex(MetricKind.Cos, ScalarKind.Float16, (ulong)dimensions, Connectivity, ExpansionAdd, ExpansionSearch), dimensions);

    /// <summary>Loads a saved index, or creates an empty one when <paramref name="path"/> does not exist.</summary>
    public static VectorIndex OpenOrCreate(string path, int dimensions)
    {
        if (!File.Exists(path))
        {
            return Create(dimensions);
        }

        var loaded = new USearchIndex(path);
        if ((int)loaded.Dimensions() != dimensions)
        {
            loaded.Dispose();
            throw new InvalidDataException($"{path} holds vectors of {loaded.Dimensions()} dimensions, expected {dimensions}.");
        }

        var opened = new VectorIndex(loaded, dimensions);
        if (File.Exists(IdsPath(path)))
        {
            foreach (var line in File.ReadLines(IdsPath(path)))
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 0 && ulong.TryParse(line.AsSpan(0, tab), System.Globalization.CultureInfo.InvariantCulture, out var key))
                {
                    opened.ids[key] = line[(tab + 1)..];
                }
            }
        }

        return opened;
    }

    /// <summary>Adds or replaces the vectors of papers, remembering their ids.</summary>
    public void Upsert(IReadOnlyList<string> paperIds, IReadOnlyList<float[]> vectors)
    {
        var keys = paperIds.Select(PaperKey.For).ToList();
        Upsert(keys, vectors);
        lock (gate)
        {
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
        if (keys.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            foreach (var key in keys)
            {
                if (index.Contains(key))
                {
                    index.Remove(key);
                }
            }

            // The batch overload reserves capacity once for the whole batch.
            index.Add([.. keys], [.. vectors]);
        }
    }

    public void Remove(IEnumerable<ulong> keys)
    {
        lock (gate)
        {
            foreach (var key in keys)
            {
                if (index.Contains(key))
                {
                    index.Remove(key);
                }

                ids.Remove(key);
            }
        }
    }

    /// <summary>The nearest keys to <paramref name="query"/>, closest first, with cosine similarity.</summary>
    public IReadOnlyList<(ulong Key, float Similarity)> Search(float[] query, int count)
    {
        lock (gate)
        {
            if (index.Size() == 0 || count <= 0)
            {
                return [];
            }

            // USearch does not save the search expansion with the index, so a reloaded index would search with its
            // default (64). Asking for at least ExpansionSearch neighbours makes it explore that many either way.
            var found = Math.Min(count, index.Search(query, Math.Max(count, (int)ExpansionSearch), out var keys, out var distances));
            var results = new (ulong, float)[found];
            for (var i = 0; i < found; i++)
            {
                results[i] = (keys[i], 1 - distances[i]);
            }

            return results;
        }
    }

    public bool TryGet(ulong key, out float[] vector)
    {
        lock (gate)
        {
            if (index.Get(key, out float[] found) > 0)
            {
                vector = found;
                return true;
            }
        }

        vector = [];
        return false;
    }

    /// <summary>Writes the index to a temporary file and moves it over <paramref name="path"/>, so a crash keeps the old one.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        var idsTemporary = IdsPath(path) + ".tmp";
        lock (gate)
        {
            index.Save(temporary);
            File.WriteAllLines(idsTemporary, ids.Select(pair => $"{PaperKey.Text(pair.Key)}\t{pair.Value}"));
        }

        File.Move(idsTemporary, IdsPath(path), overwrite: true);
        File.Move(temporary, path, overwrite: true);
    }

    private static string IdsPath(string path) => path + ".ids";

    public void Dispose()
    {
        lock (gate)
        {
            index.Dispose();
        }
    }
}
