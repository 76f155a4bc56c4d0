using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Paperwire.Tests.Citations;

/// <summary>
/// What Zotero's connector, Google Scholar and chat link previews read from a paper page: Highwire Press tags,
/// schema.org JSON-LD, OpenGraph and Twitter card tags; and the "Cite" control readers see.
/// </summary>
public class PaperMetaTagsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paper_page_carries_scholar_tags_json_ld_and_link_preview_tags()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var paper = PaperFactory.InFeed("2605.00321", new(2026, 5, 20), title: "Tags </script><b>for</b> scholars", authors: ["Ada Lovelace", "Alan Turing"], publishedOn: new(2026, 5, 18));
        paper.Doi = "10.1234/tags.5";
        paper.Categories = ["cs.DL"];
        paper.Summary = string.Join(' ', Enumerable.Repeat("A long abstract about tags.", 40));
        await app.AddPapersAsync(paper);

        var document = new HtmlParser().ParseDocument(await app.Client.GetStringAsync("/papers/2605.00321", Cancel));
        string? Meta(string name) => document.QuerySelector($"meta[name='{name}'], meta[property='{name}']")?.GetAttribute("content");

        Assert.Equal("Tags </script><b>for</b> scholars", Meta("citation_title"));
        Assert.Equal(["Ada Lovelace", "Alan Turing"], document.QuerySelectorAll("meta[name='citation_author']").Select(m => m.GetAttribute("content")));
        Assert.Equal("2026/05/18", Meta("citation_publication_date"));
        Assert.Equal("2605.00321", Meta("citation_arxiv_id"));
        Assert.Equal("https://arxiv.org/pdf/2605.00321", Meta("citation_pdf_url"));
        Assert.Equal("10.1234/tags.5", Meta("citation_doi"));

        Assert.Equal("Tags </script><b>for</b> scholars", Meta("og:title"));
        Assert.Equal("article", Meta("og:type"));
        Assert.Equal($"{app.BaseAddress}papers/2605.00321", Meta("og:url"));
        var description = Meta("og:description")!;
        Assert.StartsWith("A long abstract about tags.", description);
        Assert.True(description.Length <= 301, $"og:description is {description.Length} characters");
        Assert.EndsWith("…", description);
        Assert.Null(Meta("og:image"));
        Assert.Equal("summary", Meta("twitter:card"));
        Assert.Equal(description, Meta("twitter:description"));

        var scripts = document.QuerySelectorAll("script[type='application/ld+json']");
        var block = Assert.Single(scripts);
        using var json = JsonDocument.Parse(block.TextContent);
        var article = json.RootElement;
        Assert.Equal("ScholarlyArticle", article.GetProperty("@type").GetString());
        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("Tags </script><b>for</b> scholars", article.GetProperty("headline").GetString());
        Assert.Equal(["Ada Lovelace", "Alan Turing"], article.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("2026-05-18", article.GetProperty("datePublished").GetString());
        Assert.Equal("https://arxiv.org/abs/2605.00321", article.GetProperty("sameAs").GetString());
        Assert.Equal(["arXiv", "DOI"], article.GetProperty("identifier").EnumerateArray().Select(i => i.GetProperty("propertyID").GetString()));
    }

    [Fact]
    public async Task The_cite_control_shows_the_bibtex_and_links_every_format()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00321", new(2026, 5, 20), title: "Cite me", authors: ["Ada Lovelace"]));

        var document = new HtmlParser().ParseDocument(await app.Client.GetStringAsync("/papers/2605.00321", Cancel));

        var cite = document.QuerySelector("details.cite")!;
        Assert.Equal("Cite this paper", cite.QuerySelector("summary")!.TextContent);
        Assert.Equal(await app.Client.GetStringAsync("/papers/2605.00321.bib", Cancel), cite.QuerySelector("pre")!.TextContent);
        Assert.Equal(
            ["/papers/2605.00321.bib", "/papers/2605.00321.ris", "/papers/2605.00321.csl.json"],
            cite.QuerySelectorAll(".cite-files a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(document.QuerySelector("script[src^='/js/cite.js']"));
    }

    [Fact]
    public async Task A_paper_without_an_arxiv_id_has_no_arxiv_tags()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InCatalog("pw-0123456789ab", new(2026, 5, 20), title: "Local only", authors: ["Ada Lovelace"]));

        var document = new HtmlParser().ParseDocument(await app.Client.GetStringAsync("/papers/pw-0123456789ab", Cancel));

        Assert.Equal("Local only", document.QuerySelector("meta[name='citation_title']")!.GetAttribute("content"));
        Assert.Null(document.QuerySelector("meta[name='citation_arxiv_id']"));
        Assert.Null(document.QuerySelector("meta[name='citation_pdf_url']"));
        Assert.Null(document.QuerySelector("meta[name='citation_doi']"));
    }
}
