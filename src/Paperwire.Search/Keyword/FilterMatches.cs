namespace Paperwire.Search.Keyword;

/// <summary>
/// The papers that pass a search's filters, as vector keys (<see cref="PaperKey"/>), for one state of the keyword
/// index: meaning search counts them and tests neighbours against them without running a Lucene query per search.
/// </summary>
public sealed class FilterMatches
{
    private readonly HashSet<ulong> keys;
    private readonly Lazy<ulong[]> list;

    internal FilterMatches(HashSet<ulong> keys)
    {
        this.keys = keys;
        list = new(() => [.. keys]);
    }

    public int Count => keys.Count;

    public IReadOnlySet<ulong> Keys => keys;

    /// <summary>The keys as one array, for scanning them all.</summary>
    public ulong[] KeyList => list.Value;
}
