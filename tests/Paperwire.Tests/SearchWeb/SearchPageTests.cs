using System.Net;
using System.Text.RegularExpressions;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.SearchWeb;

/// <summary>The <c>/search</c> page as a reader uses it: highlights, the box on every page, filters that stay, pages.</summary>
public partial class SearchPageTests
{
    [Fact]
    public async Task Results_MarkTheMatchedWords_AndOnlyThose()
    {
        await using var app = await TestApp.StartAsync();
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=networks")).Count > 0, "the demo corpus is indexed");

        var html = await GetHtmlAsync(app, "/search?q=networks");

        Assert.Contains("<mark>Network</mark>", html); // WaveMix: "…Neural Network for Image Analysis"
        var marked = Marked().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, word => Assert.Matches("^(?i)network(s|ing)?$", word));
    }

    [Fact]
    public async Task EveryPage_HasTheSearchBox()
    {
        await using var app = await TestApp.StartAsync();
        // Keyword and vectors both: a notice depends on how near the nearest papers are by meaning.
        await app.UntilIndexedAsync();
        var paperId = (await SearchIdsAsync(app.Client, "q=wavemix"))[0];

        foreach (var url in new[] { "/", "/papers/date/2025-05-19", "/papers/week/2025-W21", "/papers/month/2026-03", $"/papers/{paperId}", "/search?q=wavemix", "/papers/2504.99999" })
        {
            using var response = await app.Client.GetAsync(url, Cancel);
            var html = await response.Content.ReadAsStringAsync(Cancel);
            Assert.Matches("""<form class="site-search" method="get" action="/search" role="search" aria-label="Search papers">\s*<input type="search" name="q" """, html);
        }
    }

    [Fact]
    public async Task Filters_RoundTripInTheForm()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        var html = await GetHtmlAsync(app, "/search?q=vision+%22small+models%22&from=2025-01-01&to=2025-12-31&category=cs.CV&org=acme&feed=1");

        Assert.Contains("""<input type="search" name="q" value="vision &quot;small models&quot;" """, html);
        Assert.Contains("""name="from" value="2025-01-01" """.TrimEnd(), html);
        Assert.Contains("""name="to" value="2025-12-31" """.TrimEnd(), html);
        Assert.Contains("""name="category" value="cs.CV" """.TrimEnd(), html);
        Assert.Contains("""name="org" value="acme" """.TrimEnd(), html);
        Assert.Matches("""name="feed" value="1" checked""", html);
        Assert.Matches("""<details class="filters" open""", html); // filters in use are shown, not folded away

        var plain = await GetHtmlAsync(app, "/search?q=vision");
        Assert.DoesNotMatch("""name="feed" value="1" checked""", plain);
        Assert.DoesNotMatch("""<details class="filters" open""", plain);
    }

    [Fact]
    public async Task NextAndPreviousLinks_WalkThroughTheResults_KeepingTheFilters()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync([.. Enumerable.Range(1, 25).Select(i =>
            Paper($"2502.{i:D5}", new(2025, 2, 1), $"Zeolite catalysis study {i}", $"Zeolite pores, part {i}.", "cond-mat.mtrl-sci"))]);
        await app.AddPapersAsync(Paper("2502.00099", new(2025, 2, 1), "Zeolite outside the filter", "Zeolite.", "physics.chem-ph"));
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=zeolite&limit=100")).Count == 26, "all papers are indexed");

        var seen = new List<string>();
        var url = "/search?q=zeolite&category=cond-mat&limit=10";
        var visited = new List<(string Url, string? Previous, string? Next)>();
        while (url is not null)
        {
            var html = await GetHtmlAsync(app, url);
            seen.AddRange(ResultLinks().Matches(html).Select(m => m.Groups[1].Value));
            var previous = Link(html, "prev");
            var next = Link(html, "next");
            visited.Add((url, previous, next));
            url = next!;
        }

        Assert.Equal(3, visited.Count);
        Assert.Null(visited[0].Previous);
        Assert.Equal("/search?q=zeolite&category=cond-mat&limit=10&p=1", visited[0].Next);
        Assert.Equal("/search?q=zeolite&category=cond-mat&limit=10&p=0", visited[1].Previous);
        Assert.Equal("/search?q=zeolite&category=cond-mat&limit=10&p=2", visited[1].Next);
        Assert.Equal("/search?q=zeolite&category=cond-mat&limit=10&p=1", visited[2].Previous);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
        Assert.DoesNotContain("/papers/2502.00099", seen);
    }

    [Fact]
    public async Task NoMatches_SayWhatWasSearched()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(app, "/search?q=xylophone&category=cs"));

        Assert.Contains("No papers match “xylophone” with these filters.", html);
        Assert.DoesNotContain("rel=\"next\"", html);
    }

    [Fact]
    public async Task A_query_about_nothing_in_the_catalog_says_there_are_no_close_matches_and_a_real_one_does_not()
    {
        // Meaning search always has nearest papers, even for gibberish: the page must not pass them off as matches.
        await using var app = await TestApp.StartAsync(embeddings: true);
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=wavemix")).Count > 0, "the demo corpus is indexed");

        foreach (var nonsense in new[] { "xyzzyqq", "chocolate cake recipe", "the" })
        {
            var html = WebUtility.HtmlDecode(await GetHtmlAsync(app, "/search?q=" + Uri.EscapeDataString(nonsense)));
            Assert.Contains("No close matches", html);
            Assert.NotEmpty(ResultLinks().Matches(html)); // the least distant papers still follow the notice
        }

        var real = WebUtility.HtmlDecode(await GetHtmlAsync(app, "/search?q=" + Uri.EscapeDataString("image analysis with wavelets")));
        Assert.DoesNotContain("No close matches", real);
        Assert.Contains("WaveMix", real);
        var byMeaning = WebUtility.HtmlDecode(await GetHtmlAsync(app, "/search?q=" + Uri.EscapeDataString("making large language models answer faster")));
        Assert.DoesNotContain("No close matches", byMeaning);
    }

    [Fact]
    public async Task Results_say_how_many_there_are_carry_vote_buttons_and_the_header_box_keeps_the_query()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(TwoTopics());
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=black+holes")).Count == 3, "the papers are indexed");

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(app, "/search?q=black+holes"));

        Assert.Contains("3 results for “black holes”", html);
        Assert.Equal(3, ResultLinks().Count(html));
        Assert.Equal(3, Regex.Count(html, "class=\"vote-signin\"")); // signed out: the count and a link to sign in
        Assert.Matches("""<form class="site-search" method="get" action="/search" role="search" aria-label="Search papers">\s*<input type="search" name="q" value="black holes" """, html);

        var elsewhere = await GetHtmlAsync(app, "/papers/2601.00001");
        Assert.Matches("""<form class="site-search" method="get" action="/search" role="search" aria-label="Search papers">\s*<input type="search" name="q" value="" """, elsewhere);
    }

    private static string? Link(string html, string rel)
    {
        var match = Regex.Match(html, $"""<a href="([^"]*)" rel="{rel}">""");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static async Task<string> GetHtmlAsync(TestApp app, string url)
    {
        using var response = await app.Client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    [GeneratedRegex("<mark>([^<]*)</mark>")]
    private static partial Regex Marked();

    [GeneratedRegex("""<li class="card result">[\s\S]*?<div class="card-body">\s*<h3><a href="([^"]+)">""")]
    private static partial Regex ResultLinks();
}
