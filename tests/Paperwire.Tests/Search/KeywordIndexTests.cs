using Paperwire.Search;
using Paperwire.Search.Keyword;

namespace Paperwire.Tests.Search;

public sealed class KeywordIndexTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("paperwire-keyword-").FullName;
    private readonly KeywordIndex index;

    public KeywordIndexTests()
    {
        index = KeywordIndex.Open(folder);
        index.Apply(
        [
            Paper("p-gnn", "Graph Neural Networks for Molecules", "We predict molecular properties with message passing.", ["Ada Lovelace"], ["cs.LG", "q-bio.BM"], new(2024, 3, 1), org: "deepmind", inFeed: true),
            Paper("p-abstract", "A Study of Chemistry", "Graph neural network models predict molecule properties.", ["Alan Turing"], ["physics.chem-ph"], new(2023, 6, 1)),
            Paper("p-black-hole", "Black Hole Shadows", "Imaging the event horizon of a black hole.", ["Karl Schwarzschild"], ["gr-qc"], new(2022, 1, 1)),
        ]);
        index.Commit();
    }

    [Fact]
    public void Stemming_matches_plural_and_singular_and_title_words_weigh_more()
    {
        var found = index.Search(UserQuery.Parse("graph neural network molecule"), SearchFilters.None, 10);

        Assert.Equal(["p-gnn", "p-abstract"], found.Select(m => m.PaperId));
    }

    [Fact]
    public void Authors_and_categories_are_searchable()
    {
        Assert.Equal(["p-black-hole"], index.Search(UserQuery.Parse("Schwarzschild"), SearchFilters.None, 10).Select(m => m.PaperId));
        Assert.Equal(["p-black-hole"], index.Search(UserQuery.Parse("gr-qc"), SearchFilters.None, 10).Select(m => m.PaperId));
    }

    [Fact]
    public void A_quoted_phrase_is_required_in_order()
    {
        Assert.Equal(["p-black-hole"], index.Search(UserQuery.Parse("\"event horizon\""), SearchFilters.None, 10).Select(m => m.PaperId));
        Assert.Empty(index.Search(UserQuery.Parse("\"horizon event\""), SearchFilters.None, 10));
    }

    [Fact]
    public void Filters_narrow_by_date_category_archive_organization_and_feed()
    {
        var query = UserQuery.Parse("graph molecule black hole");
        string[] Ids(SearchFilters filters) => [.. index.Search(query, filters, 10).Select(m => m.PaperId).Order()];

        Assert.Equal(["p-abstract", "p-gnn"], Ids(new SearchFilters { From = new(2023, 1, 1) }));
        Assert.Equal(["p-black-hole"], Ids(new SearchFilters { To = new(2022, 12, 31) }));
        Assert.Equal(["p-gnn"], Ids(new SearchFilters { Category = "q-bio.BM" }));
        Assert.Equal(["p-abstract"], Ids(new SearchFilters { Category = "physics" }));
        Assert.Equal(["p-gnn"], Ids(new SearchFilters { Organization = "deepmind" }));
        Assert.Equal(["p-gnn"], Ids(new SearchFilters { InDailyFeedOnly = true }));
    }

    [Fact]
    public void Strict_matching_needs_most_words_of_a_long_query()
    {
        var query = UserQuery.Parse("imaging horizon shadows quantum chromodynamics lattice");

        Assert.Equal(["p-black-hole"], index.Search(query, SearchFilters.None, 10, minimumShouldMatch: 0).Select(m => m.PaperId));
        Assert.Empty(index.Search(query, SearchFilters.None, 10, minimumShouldMatch: 0.75));
    }

    [Fact]
    public void Updating_replaces_the_document_and_withdrawing_removes_it()
    {
        index.Apply([Paper("p-gnn", "Transformers for Proteins", "Attention over residues.", [], ["cs.LG"], new(2024, 3, 1))]);
        index.Apply([Paper("p-black-hole", "Black Hole Shadows", "Imaging the event horizon.", [], ["gr-qc"], new(2022, 1, 1), withdrawn: true)]);
        index.Commit();

        Assert.Equal(["p-abstract"], index.Search(UserQuery.Parse("molecule"), SearchFilters.None, 10).Select(m => m.PaperId));
        Assert.Equal(["p-gnn"], index.Search(UserQuery.Parse("proteins"), SearchFilters.None, 10).Select(m => m.PaperId));
        Assert.Empty(index.Search(UserQuery.Parse("horizon"), SearchFilters.None, 10));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Wildcards_are_not_expanded()
    {
        var query = UserQuery.Parse(string.Join(' ', Enumerable.Range(0, 200).Select(i => $"{(char)('a' + (i % 26))}{i}*")));

        Assert.Empty(index.Search(query, SearchFilters.None, 10));
        Assert.Empty(index.Search(UserQuery.Parse("gra*"), SearchFilters.None, 10));
    }

    [Theory]
    [InlineData("((((((((((((((((((((graph))))))))))))))))))))")]
    [InlineData("title:graph AND abstract:(molecule OR")]
    [InlineData("graph~2 neural^3 \\ / ! ? { } [ ]")]
    [InlineData("🧬 graph 🧪")]
    [InlineData("שלום graph مرحبا")]
    public void Query_syntax_is_text_and_never_throws(string raw)
    {
        var found = index.Search(UserQuery.Parse(raw), SearchFilters.None, 10);

        Assert.Contains("p-gnn", found.Select(m => m.PaperId));
    }

    [Fact]
    public void A_query_of_only_stop_words_or_symbols_finds_nothing_without_failing()
    {
        Assert.Empty(index.Search(UserQuery.Parse("the and of *** ::: ((("), SearchFilters.None, 10));
    }

    [Fact]
    public void Vector_keys_resolve_to_ids_through_the_filters()
    {
        var keys = new[] { PaperKey.For("p-gnn"), PaperKey.For("p-black-hole"), PaperKey.For("unknown") };

        var all = index.Resolve(keys, SearchFilters.None);
        var recent = index.Resolve(keys, new SearchFilters { From = new(2024, 1, 1) });

        Assert.Equal(["p-black-hole", "p-gnn"], all.Values.Order());
        Assert.Equal(["p-gnn"], recent.Values);
    }

    internal static IndexedPaper Paper(
        string id, string title, string summary, string[] authors, string[] categories, DateOnly date,
        string? org = null, bool inFeed = false, bool withdrawn = false) =>
        new(id, title, summary, authors, categories, date, org, inFeed, withdrawn, ChangeSequence: 1);

    public void Dispose()
    {
        index.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
