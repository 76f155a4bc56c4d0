using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Paperwire.Search.Keyword;

/// <summary>How a paper becomes a Lucene document: field names, analyzers and boosts in one place.</summary>
internal static class PaperFields
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public const string Id = "id";
    public const string Key = "key";
    public const string Title = "title";
    public const string Abstract = "abstract";
    public const string Authors = "authors";
    public const string Categories = "categories";
    public const string Category = "category";
    public const string Organization = "org";
    public const string InFeed = "feed";
    public const string Date = "date";

    /// <summary>Searched fields and their weights: a word in the title says more than one in the abstract.</summary>
    public static readonly (string Field, float Boost)[] Searched =
    [
        (Title, 3f),
        (Abstract, 1f),
        (Authors, 2f),
        (Categories, 1f),
    ];

    /// <summary>English stemming and stop words for prose; names and categories are only lower-cased and split.</summary>
    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(Version),
        new Dictionary<string, Analyzer>
        {
            [Title] = new EnglishAnalyzer(Version),
            [Abstract] = new EnglishAnalyzer(Version),
        });

    public static Document ToDocument(IndexedPaper paper)
    {
        var document = new Document
        {
            new StringField(Id, paper.Id, Field.Store.YES),
            new StringField(Key, PaperKey.Text(PaperKey.For(paper.Id)), Field.Store.NO),
            new TextField(Title, paper.Title, Field.Store.NO),
            new TextField(Abstract, paper.Summary, Field.Store.NO),
            new TextField(Authors, string.Join(", ", paper.Authors), Field.Store.NO),
            new TextField(Categories, string.Join(' ', paper.Categories), Field.Store.NO),
            new Int32Field(Date, DateNumber(paper.PublishedOn), Field.Store.NO),
        };
        foreach (var category in paper.Categories.SelectMany(CategoryTerms).Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(Category, category, Field.Store.NO));
        }

        if (paper.Organization is { } organization)
        {
            document.Add(new StringField(Organization, organization, Field.Store.NO));
        }

        if (paper.InDailyFeed)
        {
            document.Add(new StringField(InFeed, "1", Field.Store.NO));
        }

        return document;
    }

    /// <summary>yyyymmdd, so a date range is a numeric range.</summary>
    public static int DateNumber(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    /// <summary>A paper in <c>cs.CL</c> matches the filters <c>cs.CL</c> and <c>cs</c>; both lower-cased.</summary>
    public static IEnumerable<string> CategoryTerms(string category)
    {
        var lower = category.ToLowerInvariant();
        yield return lower;
        var dot = lower.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            yield return lower[..dot];
        }
    }
}
