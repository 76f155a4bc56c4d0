using Paperwire.Search;
using Paperwire.Search.Keyword;

namespace Paperwire.Fuzz.Targets;

/// <summary>
/// The search box: what a user typed (first line) and a category filter (second line, as <c>?category=</c>),
/// parsed, built into a BM25 query and run against a small index, then highlighted.
/// </summary>
internal static class QueryTarget
{
    private static readonly Lazy<KeywordIndex> Index = new(OpenIndex);

    public static FuzzTarget Create() => new("query", "search box text and category filter", Parse);

    private static void Parse(byte[] input)
    {
        var lines = FuzzInput.Text(input).Split('\n', 2);
        var query = UserQuery.Parse(lines[0]);
        var filters = lines.Length > 1 ? new SearchFilters { Category = lines[1] } : SearchFilters.None;
        _ = Index.Value.Search(query, filters, 10, minimumShouldMatch: 0.6);
        _ = new Highlighter(Index.Value.Analyzer, query).Highlight("Attention is all you need: transformers for sequence transduction");
    }

    private static KeywordIndex OpenIndex()
    {
        var folder = Directory.CreateTempSubdirectory("paperwire-fuzz-index-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(folder);
        var index = KeywordIndex.Open(folder);
        index.Apply(
        [
            new("1706.03762", "Attention is all you need", "The dominant sequence transduction models are based on recurrent networks.", ["Ashish Vaswani"], ["cs.CL", "cs.LG"], new DateOnly(2017, 6, 12), "google", true, false, 1),
            new("2505.24868", "Consistent line clustering using geometric hypergraphs", "Clustering of lines in space.", ["Kalle Alaluusua"], ["math.ST", "stat.ML"], new DateOnly(2025, 5, 30), null, false, false, 2),
        ]);
        index.Commit();
        return index;
    }

    // At exit the index is still open; a leftover temp folder must not turn a passing run into a failing one.
    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
