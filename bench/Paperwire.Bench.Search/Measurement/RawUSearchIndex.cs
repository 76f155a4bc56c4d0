using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace Paperwire.Bench.Search.Measurement;

/// <summary>
/// A saved USearch index opened through the C API directly, for what the C# wrapper does not expose: loading with
/// chosen options, reading and changing the search expansion of a loaded index, and its memory use.
/// </summary>
internal sealed partial class RawUSearchIndex : IDisposable
{
    private const string Library = "libusearch_c";
    private readonly nint index;

    /// <param name="path">A saved index to load, or null for a new empty one.</param>
    /// <param name="expansionSearch">0 leaves USearch's default, as <c>new USearchIndex(path)</c> does.</param>
    public RawUSearchIndex(string? path, int dimensions, ulong connectivity, ulong expansionAdd, ulong expansionSearch, ScalarKind quantization = ScalarKind.Float16)
    {
        var options = new InitOptions
        {
            MetricKind = (uint)MetricKind.Cos,
            Quantization = (uint)quantization,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)connectivity,
            ExpansionAdd = (nuint)expansionAdd,
            ExpansionSearch = (nuint)expansionSearch,
        };
        index = Init(ref options, out var error);
        Check(error);
        if (path is not null)
        {
            Load(index, path, out error);
            Check(error);
        }
    }

    /// <summary>Room for <paramref name="capacity"/> vectors and <paramref name="threads"/> concurrent <see cref="Add"/> calls.</summary>
    public void Reserve(int capacity, int threads)
    {
        ChangeThreadsAdd(index, (nuint)threads, out var error);
        Check(error);
        Reserve(index, (nuint)capacity, out error);
        Check(error);
    }

    /// <summary>Adds one vector; safe from as many threads at once as <see cref="Reserve"/> allowed.</summary>
    public unsafe void Add(ulong key, ReadOnlySpan<float> vector)
    {
        nint error;
        fixed (float* v = vector)
        {
            NativeAdd(index, key, v, (uint)ScalarKind.Float32, out error);
        }

        Check(error);
    }

    public ulong ExpansionSearch
    {
        get
        {
            var value = GetExpansionSearch(index, out var error);
            Check(error);
            return value;
        }
        set
        {
            ChangeExpansionSearch(index, (nuint)value, out var error);
            Check(error);
        }
    }

    public ulong MemoryUsage
    {
        get
        {
            var value = GetMemoryUsage(index, out var error);
            Check(error);
            return value;
        }
    }

    public unsafe int Search(float[] query, ulong[] keys, float[] distances)
    {
        nuint found;
        nint error;
        fixed (float* q = query)
        fixed (ulong* k = keys)
        fixed (float* d = distances)
        {
            found = NativeSearch(index, q, (uint)ScalarKind.Float32, (nuint)keys.Length, k, d, out error);
        }

        Check(error);
        return (int)found;
    }

    public void Dispose()
    {
        Free(index, out _);
    }

    private static void Check(nint error)
    {
        if (error != 0)
        {
            throw new InvalidOperationException("USearch: " + Marshal.PtrToStringUTF8(error));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct InitOptions
    {
        public uint MetricKind;
        public nint Metric;
        public uint Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    private static partial nint Init(ref InitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_load", StringMarshalling = StringMarshalling.Utf8)]
    private static partial void Load(nint index, string path, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    private static partial void Free(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_expansion_search")]
    private static partial nuint GetExpansionSearch(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    private static partial void ChangeExpansionSearch(nint index, nuint expansion, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    private static partial nuint GetMemoryUsage(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    private static partial void Reserve(nint index, nuint capacity, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    private static partial void ChangeThreadsAdd(nint index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    private static unsafe partial void NativeAdd(nint index, ulong key, float* vector, uint vectorKind, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    private static unsafe partial nuint NativeSearch(nint index, float* query, uint queryKind, nuint count, ulong* keys, float* distances, out nint error);
}
