using Paperwire.Core.Papers;
using Paperwire.Ingest.ArxivApi;

namespace Paperwire.Tests.Ingest;

/// <summary>Telling a local paper's arXiv twin by title: normalization, the query sent, and the refusals to guess.</summary>
public class ArxivTitleMatchTests
{
    private static readonly DateTimeOffset Day = new(2025, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Tiny Retrievers: Sparse Late Interaction\n  for On-Device QA", "tiny retrievers sparse late interaction for on device qa")]
    [InlineData("Sch\\\"{o}dinger's $\\alpha$-Nets, na\\'ive", "schodinger s alpha nets naive")]
    [InlineData("Schödinger’s α-Nets, naïve", "schodinger s α nets naive")]
    [InlineData("\\textbf{Fast} ﬁne-tuning — ＧＰＵ", "fast fine tuning gpu")]
    public void Normalize_FoldsCaseTexDiacriticsAndPunctuation(string title, string key) =>
        Assert.Equal(key, ArxivTitleMatch.Normalize(title));

    [Theory]
    [InlineData("Attention: \"Is\" All (You) Need? AND ti:x OR", "ti:\"attention is all you need and ti x or\"")]
    [InlineData("Naïve Bayes — “quoted” & unescaped %20 +plus", "ti:\"naive bayes quoted unescaped 20 plus\"")]
    [InlineData("Learning α-Nets for 中文 Retrieval", "ti:\"learning\" AND ti:\"nets for\" AND ti:\"retrieval\"")]
    public void Query_OfAHostileTitle_IsQuotedPhrasesOfPlainWords(string title, string query) =>
        Assert.Equal(query, ArxivTitleMatch.Query(title));

    [Fact]
    public void Query_OfATitleWithoutPlainWords_IsNull() => Assert.Null(ArxivTitleMatch.Query("“” — 中文"));

    [Fact]
    public void Choose_TheOneSameTitle_IsTheTwin()
    {
        var outcome = ArxivTitleMatch.Choose(Local("Tiny Retrievers: On-Device QA", authors: 2), [Arxiv("2501.00009", "Tiny Retrievers for QA"), Arxiv("2501.00001", "Tiny retrievers — on-device QA")]);

        Assert.Equal("2501.00001", outcome.Twin?.Id);
    }

    [Fact]
    public void Choose_ANearTitle_IsNoMatch() =>
        Assert.Null(ArxivTitleMatch.Choose(Local("Tiny Retrievers: On-Device QA"), [Arxiv("2501.00001", "Tiny Retrievers: On-Device QA, Revisited")]).Twin);

    [Fact]
    public void Choose_TwoPapersWithTheTitle_IsNoMatch()
    {
        var outcome = ArxivTitleMatch.Choose(Local("Tiny Retrievers"), [Arxiv("2501.00001", "Tiny Retrievers"), Arxiv("2501.04242", "Tiny retrievers")]);

        Assert.Null(outcome.Twin);
        Assert.Equal("2 arXiv papers have this title (2501.00001, 2501.04242)", outcome.Reason);
    }

    [Theory]
    [InlineData(3, "2025-01-01", false)] // another author count
    [InlineData(2, "2025-01-09", false)] // on arXiv a week after the day it was on the Daily Papers page
    [InlineData(2, "2021-06-01", false)] // years before
    [InlineData(2, "2024-12-20", true)]
    public void Choose_TheSameTitle_MustAgreeWithTheKnownAuthorCountAndDate(int authors, string published, bool matches)
    {
        var twin = Arxiv("2501.00001", "Tiny Retrievers", authors, DateTimeOffset.Parse(published + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(matches, ArxivTitleMatch.Choose(Local("Tiny Retrievers", authors: 2), [twin]).Twin is not null);
    }

    private static Paper Local(string title, int authors = 0) =>
        new() { Id = PaperId.LocalFromTitle(title), Title = title, Summary = "", AuthorCount = authors, PublishedAt = Day };

    private static Paper Arxiv(string id, string title, int authors = 2, DateTimeOffset? published = null) => new()
    {
        Id = id,
        Title = title,
        Summary = "",
        Authors = [.. Enumerable.Range(1, authors).Select(i => new PaperAuthor { Name = $"Author {i}" })],
        PublishedAt = published ?? Day.AddDays(-1),
    };
}
