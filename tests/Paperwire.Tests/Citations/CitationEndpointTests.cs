using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Citations;

/// <summary>Citations over HTTP: one paper by suffix or Accept, a day/week/month, a collection and a search page.</summary>
public class CitationEndpointTests
{
    private static readonly DateOnly Day = new(2026, 5, 20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_paper_is_cited_as_bibtex_ris_or_csl_json_by_suffix_or_by_accept()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var paper = PaperFactory.InFeed("2605.00321", Day, title: "Citing & exporting 100% of BERT", authors: ["Zoë Ångström"]);
        paper.Categories = ["cs.CL"];
        await app.AddPapersAsync(paper);

        using var bib = await app.Client.GetAsync("/papers/2605.00321.bib", Cancel);
        Assert.Equal(HttpStatusCode.OK, bib.StatusCode);
        Assert.Equal("application/x-bibtex", bib.Content.Headers.ContentType!.MediaType);
        var bibtex = await bib.Content.ReadAsStringAsync(Cancel);
        Assert.StartsWith("@misc{angstrom2026citing,", bibtex);
        Assert.Contains(@"title = {Citing \& exporting 100\% of {BERT}},", bibtex);
        Assert.Contains(@"author = {{\r{A}}ngstr{\""o}m, Zo{\""e}},", bibtex);
        Assert.Contains("primaryClass = {cs.CL},", bibtex);

        using var ris = await app.Client.GetAsync("/papers/2605.00321.ris", Cancel);
        Assert.Equal("application/x-research-info-systems", ris.Content.Headers.ContentType!.MediaType);
        Assert.Contains("AU  - Ångström, Zoë\r\n", await ris.Content.ReadAsStringAsync(Cancel));

        using var csl = await app.Client.GetAsync("/papers/2605.00321.csl.json", Cancel);
        Assert.Equal("application/vnd.citationstyles.csl+json", csl.Content.Headers.ContentType!.MediaType);
        using (var json = JsonDocument.Parse(await csl.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal("Citing & exporting 100% of BERT", json.RootElement[0].GetProperty("title").GetString());
        }

        foreach (var (mediaType, starts) in new[] { ("application/x-bibtex", "@misc{"), ("application/x-research-info-systems", "TY  - "), ("application/vnd.citationstyles.csl+json", "[") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/papers/2605.00321");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            using var response = await app.Client.SendAsync(request, Cancel);
            Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith(starts, await response.Content.ReadAsStringAsync(Cancel));
            Assert.Contains("Accept", response.Headers.Vary);
        }

        // The page itself is still HTML afterwards (the output cache keys on the representation).
        using var page = await app.Client.GetAsync("/papers/2605.00321", Cancel);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);

        using var unknown = await app.Client.GetAsync("/papers/2605.99999.bib", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_day_week_and_month_are_exported_with_keys_unique_inside_the_file()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2605.00001", Day, upvotes: 3, title: "Attention please", authors: ["Ada Lovelace"]),
            PaperFactory.InFeed("2605.00002", Day, upvotes: 2, title: "Attention again", authors: ["Ada Lovelace"]),
            PaperFactory.InFeed("2605.00003", Day.AddDays(1), upvotes: 1, title: "Next day", authors: ["Alan Turing"]));

        var day = await app.Client.GetStringAsync("/papers/date/2026-05-20.bib", Cancel);
        Assert.Equal(["lovelace2026attention", "lovelace2026attentiona"], Keys(day));

        var week = await app.Client.GetStringAsync("/papers/week/2026-W21.ris", Cancel);
        Assert.Equal(3, week.Split("ER  - ").Length - 1);

        using var month = await app.Client.GetAsync("/papers/month/2026-05.csl.json", Cancel);
        Assert.Equal(HttpStatusCode.OK, month.StatusCode);
        Assert.Contains("paperwire-2026-05.csl.json", month.Content.Headers.ContentDisposition!.ToString());
        using (var json = JsonDocument.Parse(await month.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal(3, json.RootElement.GetArrayLength());
        }

        // The pages themselves are untouched.
        using var dayPage = await app.Client.GetAsync("/papers/date/2026-05-20", Cancel);
        Assert.Equal("text/html", dayPage.Content.Headers.ContentType!.MediaType);
        using var badDay = await app.Client.GetAsync("/papers/date/2026-13-40.bib", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        using var badFormat = await app.Client.GetAsync("/papers/date/2026-05-20.docx", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, badFormat.StatusCode);
        Assert.Equal("application/problem+json", badFormat.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_collection_is_exported_in_its_order_and_a_private_one_only_for_its_owner()
    {
        await using var app = await CommunityApp.StartAsync(Paperwire.Storage.DatabaseProvider.Sqlite);
        var ada = await TestUser.CreateAsync(app, "ada");
        var secret = await CreateCollectionAsync(ada, "Secret list", isPublic: false);
        var open = await CreateCollectionAsync(ada, "Open list", isPublic: true);
        foreach (var paper in (string[])["2605.00003", "2605.00001"])
        {
            (await ada.SendAsync(HttpMethod.Post, $"/api/collections/{open}/items", new { paper })).Dispose();
            (await ada.SendAsync(HttpMethod.Post, $"/api/collections/{secret}/items", new { paper })).Dispose();
        }

        var bib = await app.Client.GetStringAsync("/collections/ada/open-list.bib", Cancel);
        Assert.Equal(["liskov2026curating", "lovelace2026attention"], Keys(bib));

        using var anonymous = await app.Client.GetAsync("/collections/ada/secret-list.bib", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        using var owner = await ada.SendAsync(HttpMethod.Get, "/collections/ada/secret-list.ris");
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Contains("no-store", owner.Headers.CacheControl!.ToString());

        using var collectionPage = await app.Client.GetAsync("/collections/ada/open-list", Cancel);
        Assert.Contains("href=\"/collections/ada/open-list.bib\"", await collectionPage.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_page_of_search_results_is_exported()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2605.00001", Day, title: "Quantum gravity for beginners", authors: ["Ada Lovelace"]),
            PaperFactory.InFeed("2605.00002", Day, title: "Sparse retrieval", authors: ["Alan Turing"]));
        await app.UntilIndexedAsync();

        var bib = await app.Client.GetStringAsync("/search.bib?q=quantum+gravity&mode=keyword", Cancel);
        Assert.Equal(["lovelace2026quantum"], Keys(bib));

        var csl = await app.Client.GetStringAsync("/search.csl.json?q=quantum+gravity&mode=keyword", Cancel);
        Assert.Contains("\"lovelace2026quantum\"", csl);

        using var bad = await app.Client.GetAsync("/search.bib?q=x&limit=100000", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static List<string> Keys(string bibtex) =>
        [.. bibtex.Split('\n').Where(l => l.StartsWith("@misc{", StringComparison.Ordinal)).Select(l => l["@misc{".Length..].TrimEnd(','))];

    private static async Task<long> CreateCollectionAsync(TestUser user, string name, bool isPublic)
    {
        using var created = await user.SendAsync(HttpMethod.Post, "/api/collections", new { name, @public = isPublic });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("id").GetInt64();
    }
}
