using System.Reflection;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace Paperwire.Search.Vectors;

/// <summary>
/// The two calls of USearch's C API that its C# wrapper (2.26.6) does not offer: a search that keeps only keys a
/// predicate accepts (<c>usearch_filtered_search</c>), and reading a vector into the caller's buffer
/// (<c>usearch_get</c>; the wrapper allocates an array per call). Both act on the wrapper's own native index.
/// </summary>
internal static unsafe partial class NativeGraph
{
    private const string Library = "libusearch_c";

    private static readonly FieldInfo HandleField = typeof(USearchIndex).GetField("_index", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("This version of Cloud.Unum.USearch keeps its native index elsewhere; see NativeGraph.");

    /// <summary>The native index behind a wrapper (valid until the wrapper is disposed).</summary>
    public static nint Handle(USearchIndex graph) => (nint)HandleField.GetValue(graph)!;

    /// <summary>Up to <paramref name="keys"/>.Length nearest keys that <paramref name="allowed"/> lets through; returns how many.</summary>
    public static int FilteredSearch(nint graph, ReadOnlySpan<float> query, Func<ulong, bool> allowed, Span<ulong> keys, Span<float> distances)
    {
        var state = GCHandle.Alloc(allowed);
        try
        {
            nuint found;
            nint error;
            fixed (float* q = query)
            fixed (ulong* k = keys)
            fixed (float* d = distances)
            {
                found = NativeFilteredSearch(graph, q, (uint)ScalarKind.Float32, (nuint)keys.Length, &Allowed, (void*)GCHandle.ToIntPtr(state), k, d, out error);
            }

            Check(error);
            return (int)found;
        }
        finally
        {
            state.Free();
        }
    }

    /// <summary>
    /// Copies the vector of <paramref name="key"/> into <paramref name="vector"/> as stored (half precision: a plain
    /// copy; asking for float32 converts one value at a time, several times slower); false when absent.
    /// </summary>
    public static bool TryGet(nint graph, ulong key, Span<Half> vector)
    {
        nuint found;
        nint error;
        fixed (Half* v = vector)
        {
            found = NativeGet(graph, key, 1, v, (uint)ScalarKind.Float16, out error);
        }

        Check(error);
        return found > 0;
    }

    [UnmanagedCallersOnly]
    private static int Allowed(ulong key, void* state) =>
        ((Func<ulong, bool>)GCHandle.FromIntPtr((nint)state).Target!)(key) ? 1 : 0;

    private static void Check(nint error)
    {
        if (error != 0)
        {
            throw new InvalidOperationException("USearch: " + Marshal.PtrToStringUTF8(error));
        }
    }

    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    private static partial nuint NativeFilteredSearch(
        nint index, float* query, uint queryKind, nuint count, delegate* unmanaged<ulong, void*, int> filter, void* filterState, ulong* keys, float* distances, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_get")]
    private static partial nuint NativeGet(nint index, ulong key, nuint count, void* vector, uint vectorKind, out nint error);
}
