using Lucene.Net.Util;

namespace Paperwire.Search.Keyword;

/// <summary>
/// The papers that pass a search's filters, for one state of the keyword index: meaning search counts them and tests
/// neighbours against them without running a Lucene query per search. Kept as a bit per document of each segment
/// (a million papers: 125 kB per filter, whatever share passes), looked up through each segment's key map, so a
/// broad filter seen for the first time costs a pass over its documents' bits rather than a set of their keys.
/// </summary>
public sealed class FilterMatches
{
    private readonly Part[] parts;
    private readonly Lazy<ulong[]> list;

    internal FilterMatches(IEnumerable<Part> parts)
    {
        // Largest first: most keys are found in the first map they are looked up in.
        this.parts = [.. parts.Where(p => p.Count > 0).OrderByDescending(p => p.Count)];
        Count = this.parts.Sum(p => p.Count);
        Bytes = this.parts.Sum(p => (long)p.Passing.GetBits().Length * sizeof(long));
        list = new(ListKeys);
    }

    public int Count { get; }

    /// <summary>Memory held by the bits (the key maps belong to the segments and are shared).</summary>
    public long Bytes { get; }

    /// <summary>Whether the paper with <paramref name="key"/> passes (a live document of this state that matches).</summary>
    public bool Contains(ulong key)
    {
        foreach (var part in parts)
        {
            if (part.Segment.DocOf.TryGetValue(key, out var doc) && part.Passing.Get(doc))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The keys as one array, for scanning them all.</summary>
    public ulong[] KeyList => list.Value;

    private ulong[] ListKeys()
    {
        var keys = new ulong[Count];
        var next = 0;
        foreach (var part in parts)
        {
            var length = part.Passing.Length;
            for (var doc = part.Passing.NextSetBit(0); doc >= 0; doc = doc + 1 < length ? part.Passing.NextSetBit(doc + 1) : -1)
            {
                keys[next++] = part.Segment.KeyOf[doc];
            }
        }

        return keys;
    }

    /// <summary>One segment's passing live documents (only those with a key).</summary>
    internal sealed record Part(SegmentKeys Segment, FixedBitSet Passing, int Count);
}
