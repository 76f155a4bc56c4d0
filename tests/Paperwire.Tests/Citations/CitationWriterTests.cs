using System.Text.Json;
using Paperwire.Citations;
using Paperwire.Core.Papers;

namespace Paperwire.Tests.Citations;

/// <summary>What a reference manager or LaTeX sees of an exported paper: keys, escaping, names, fields.</summary>
public class CitationWriterTests
{
    private static readonly Uri Site = new("https://papers.example.org/");

    [Fact]
    public void Bibtex_IsArxivStyleMisc()
    {
        var paper = Paper("2504.05299", "SmolVLM: Redefining small and efficient multimodal models", ["Andrés Marafioti", "Orr Zohar"]);
        paper.Categories = ["cs.AI", "cs.CV"];
        paper.Doi = "10.1234/abc_def";
        paper.JournalRef = "TMLR 2025";

        var bib = BibtexWriter.Write(paper, Site);

        Assert.Equal(
            """
            @misc{marafioti2025smolvlm,
              title = {{SmolVLM:} Redefining small and efficient multimodal models},
              author = {Marafioti, Andr{\'e}s and Zohar, Orr},
              year = {2025},
              eprint = {2504.05299},
              archivePrefix = {arXiv},
              primaryClass = {cs.AI},
              doi = {10.1234/abc_def},
              note = {TMLR 2025},
              url = {https://arxiv.org/abs/2504.05299},
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            bib);
    }

    [Theory]
    [InlineData("50% & $5 #1 under_score", @"50\% \& \$5 \#1 under\_score")]
    [InlineData(@"{braces} ~tilde^ back\slash", @"\textbraceleft{}braces\textbraceright{} \textasciitilde{}tilde\textasciicircum{} back\textbackslash{}slash")]
    [InlineData("Gödel, Łukasz, Øystein, Straße, Dvořák", @"G{\""o}del, {\L}ukasz, {\O}ystein, Stra{\ss}e, Dvo{\v{r}}{\'a}k")]
    [InlineData("αβ 東京", "αβ 東京")]
    [InlineData("en–dash — “quoted”", "en--dash --- ``quoted''")]
    public void Escape_KeepsTextAndBalancesBraces(string text, string expected)
    {
        var tex = LatexText.Escape(text);

        Assert.Equal(expected, tex);
        Assert.Equal(tex.Count(c => c == '{'), tex.Count(c => c == '}'));
    }

    [Fact]
    public void Title_ProtectsAcronymsAndInnerCapitals()
    {
        Assert.Equal("{BERT} and {GPT-4} meet {SmolVLM} in a {Q} test", LatexText.Title("BERT and GPT-4 meet SmolVLM in a Q test"));
    }

    [Fact]
    public void Keys_AreAsciiAndUniqueInsideOneExport()
    {
        var papers = new[]
        {
            Paper("2501.00001", "The Attention trick", ["Ørjan Müller"]),
            Paper("2501.00002", "Attention again", ["Erik Muller"]),
            Paper("2501.00003", "Attention, once more", ["Anna Müller"]),
            Paper("2501.00004", "A study", []),
        };

        var keys = CitationKeys.For(papers);

        Assert.Equal(["muller2025attention", "muller2025attentiona", "muller2025attentionb", "anon2025study"], keys);
        Assert.Equal(keys, CitationKeys.For(papers));
    }

    [Fact]
    public void Keys_OfEveryShippedPaper_AreUniqueAndPlain()
    {
        var keys = CitationKeys.For(ShippedPapers.All);

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Matches("^[a-z]+[0-9]{4}[a-z0-9]*$", key));
    }

    [Fact]
    public void Names_KeepGroupsWholeAndSuffixesApart()
    {
        var paper = Paper("2501.00001", "Names", ["Per Lindqvist Jr.", "The ATLAS Collaboration", "Ludwig van Beethoven", "Plato"]);

        var bib = BibtexWriter.Write(paper, Site);

        Assert.Contains("author = {Lindqvist, Jr., Per and {The ATLAS Collaboration} and Beethoven, Ludwig van and {Plato}},", bib);
    }

    [Fact]
    public void Ris_HasOneTagALineAndEndsEachRecord()
    {
        var paper = Paper("2504.05299", "SmolVLM", ["Andrés Marafioti"]);
        paper.Summary = "Line one\nline two.";

        var ris = RisWriter.Write([paper], ["k"], Site);

        Assert.Equal(
            [
                "TY  - UNPB", "ID  - k", "TI  - SmolVLM", "AU  - Marafioti, Andrés", "PY  - 2025", "DA  - 2025/04/07", "PB  - arXiv",
                "AB  - Line one line two.", "UR  - https://arxiv.org/abs/2504.05299", "L1  - https://arxiv.org/pdf/2504.05299", "M1  - arXiv:2504.05299",
                "ER  - ", "", "",
            ],
            ris.Split("\r\n"));
    }

    [Fact]
    public void CslJson_IsAnArrayOfPreprints()
    {
        var paper = Paper("2504.05299", "SmolVLM", ["Andrés Marafioti", "Hugging Face Team"]);

        using var json = JsonDocument.Parse(CslJsonWriter.Write([paper], ["marafioti2025smolvlm"], Site));

        var item = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("marafioti2025smolvlm", item.GetProperty("id").GetString());
        Assert.Equal("article", item.GetProperty("type").GetString());
        Assert.Equal("Marafioti", item.GetProperty("author")[0].GetProperty("family").GetString());
        Assert.Equal("Andrés", item.GetProperty("author")[0].GetProperty("given").GetString());
        Assert.Equal("Hugging Face Team", item.GetProperty("author")[1].GetProperty("literal").GetString());
        Assert.Equal([2025, 4, 7], item.GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("arXiv:2504.05299", item.GetProperty("number").GetString());
        Assert.Equal("https://arxiv.org/abs/2504.05299", item.GetProperty("URL").GetString());
    }

    [Fact]
    public void LocalPaper_CitesItsPaperwirePage()
    {
        var bib = BibtexWriter.Write(Paper("pw-0123456789ab", "Local", ["Ada Lovelace"]), Site);

        Assert.DoesNotContain("eprint", bib);
        Assert.Contains("url = {https://papers.example.org/papers/pw-0123456789ab},", bib);
    }

    private static Paper Paper(string id, string title, string[] authors) => new()
    {
        Id = id,
        Title = title,
        Summary = "An abstract.",
        Authors = [.. authors.Select(a => new PaperAuthor { Name = a })],
        AuthorCount = authors.Length,
        PublishedAt = new DateTimeOffset(2025, 4, 7, 0, 0, 0, TimeSpan.Zero),
    };
}
