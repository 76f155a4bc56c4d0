using System.Net;

namespace Paperwire.Tests.Web;

/// <summary>The paper page names the paper's arXiv id and categories, each a link, and links its submitter.</summary>
public class PaperPageFactsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_arxiv_paper_shows_its_id_and_categories_as_links_and_its_submitter_links_to_their_profile()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var paper = PaperFactory.InFeed("2605.00321", new(2026, 5, 20), title: "Facts on the page", submittedBy: "ada");
        paper.Categories = ["cs.CL", "cs.LG"];
        var local = PaperFactory.InCatalog("pw-0123456789ab", new(2026, 5, 20), title: "A paper without an arXiv id");
        await app.AddPapersAsync(paper, local);

        var html = WebUtility.HtmlDecode(await app.Client.GetStringAsync("/papers/2605.00321", Cancel));

        Assert.Contains("<dt>arXiv</dt>", html);
        Assert.Contains("<a href=\"https://arxiv.org/abs/2605.00321\" rel=\"noopener\">2605.00321</a>", html);
        Assert.Contains("<a href=\"/papers/new?category=cs.CL\" title=\"New papers in cs.CL\">cs.CL</a>, ", html);
        Assert.Contains("<a href=\"/papers/new?category=cs.LG\" title=\"New papers in cs.LG\">cs.LG</a>", html);
        Assert.Contains("submitted by <a href=\"/u/ada\">ada</a>", html);

        using var categoryPage = await app.Client.GetAsync("/papers/new?category=cs.CL", Cancel);
        Assert.Equal(HttpStatusCode.OK, categoryPage.StatusCode);

        var withoutId = await app.Client.GetStringAsync("/papers/pw-0123456789ab", Cancel);
        Assert.DoesNotContain("<dt>arXiv</dt>", withoutId);
        Assert.DoesNotContain("<dt>Categories</dt>", withoutId);
    }
}
