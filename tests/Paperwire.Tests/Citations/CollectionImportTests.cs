using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Tests.Community.Collections;
using SubmissionTestKit = Paperwire.Tests.Community.Submissions.SubmissionTestKit;

namespace Paperwire.Tests.Citations;

/// <summary>
/// Importing a reference manager's export into a collection, through the page, the API and the CLI: matched by
/// arXiv id, DOI and title; missing arXiv papers fetched from a stand-in arXiv; bad files refused whole.
/// </summary>
public class CollectionImportTests
{
    private static readonly DateOnly Day = new(2026, 5, 28);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Three references the catalog has (by arXiv URL, by DOI, by title with other capitals and TeX), one arXiv paper
    // it lacks (the stand-in arXiv has it), one arXiv id arXiv does not know, and a book nobody has.
    private const string Library = """
        @misc{lovelace_attention_2026,
        	title = {Attention {Is} All We Collect},
        	url = {http://arxiv.org/abs/2605.00001v2},
        	author = {Lovelace, Ada and Turing, Alan},
        	year = {2026},
        }

        @article{dijkstra_sparse_2026,
        	title = {Sparse readers, published},
        	doi = {10.5555/SPARSE.2026},
        	journal = {Journal of Readers},
        	year = {2026},
        }

        @inproceedings{liskov_curating,
        	title = {{Curating} the {Daily} {F}eed},
        	author = {Liskov, Barbara},
        	year = {2026},
        }

        @misc{okafor_tiny_2025,
        	title = {Tiny Retrievers},
        	eprint = {2501.00001},
        	archivePrefix = {arXiv},
        	year = {2025},
        }

        @misc{nobody_2025,
        	title = {A paper arXiv never had},
        	note = {arXiv:2501.99999 [cs]},
        	year = {2025},
        }

        @book{knuth_art,
        	title = {The Art of Computer Programming},
        	publisher = {Addison-Wesley},
        	year = {1968},
        }
        """;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_import_a_bibtex_file_through_the_api_matching_by_arxiv_id_doi_and_title_and_fetching_from_arxiv(DatabaseProvider provider)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.On("/api/query", "id_list", "2501.00001,2501.99999", FixtureResponse.Atom("api/one.xml"));
        await using var app = await StartAsync(provider, arxiv.ApiUrl);
        var ada = await TestUser.CreateAsync(app, "ada");
        var id = await CreateCollectionAsync(ada, "Imported");
        (await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00003" })).Dispose();

        using var response = await PostRawAsync(app, ada, $"/api/collections/{id}/import", Encoding.UTF8.GetBytes(Library), "application/x-bibtex");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var report = json.RootElement;
        Assert.Equal(3, report.GetProperty("added").GetInt32());
        Assert.Equal(4, report.GetProperty("matched").GetInt32());
        var references = report.GetProperty("references").EnumerateArray().ToList();
        Assert.Equal(
            ["arxiv-id", "doi", "title", "fetched-from-arxiv", "not-on-arxiv", "not-found"],
            references.Select(r => r.GetProperty("match").GetString()));
        Assert.Equal(["2605.00001", "2605.00002", "2605.00003", "2501.00001", null, null], references.Select(r => r.GetProperty("paper").GetString()));
        Assert.True(references[2].GetProperty("alreadyInCollection").GetBoolean());
        Assert.Equal(1, references[0].GetProperty("line").GetInt32());

        Assert.Equal(["2605.00003", "2605.00001", "2605.00002", "2501.00001"], await ItemsAsync(app, id));
        Assert.Equal("Tiny Retrievers: Sparse Late Interaction for On-Device Question Answering",
            await app.QueryAsync(db => db.Papers.Where(p => p.Id == "2501.00001").Select(p => p.Title).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Can_import_a_zotero_ris_file_from_the_collection_page_and_see_what_was_not_found()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite, SubmissionTestKit.ClosedPort());
        var ada = await TestUser.CreateAsync(app, "ada");
        await CreateCollectionAsync(ada, "Reading");
        using var browser = await ada.SignInAsync();
        var ris = "TY  - JOUR\r\nTI  - Sparse readers\r\nDO  - 10.5555/sparse.2026\r\nER  - \r\n\r\n" +
            "TY  - PREPRINT\r\nTI  - Something on arXiv\r\nUR  - https://arxiv.org/abs/2501.00001\r\nER  - \r\n\r\n" +
            "TY  - BOOK\r\nTI  - The Art of Computer Programming\r\nER  - \r\n";

        var collectionPage = await browser.GetStringAsync("/collections/ada/reading");
        Assert.Contains("href=\"/collections/ada/reading/import\"", collectionPage);
        using var response = await browser.UploadAsync("/collections/ada/reading/import", "/collections/ada/reading/import", "file", Encoding.UTF8.GetBytes(ris), "zotero.ris", "application/x-research-info-systems");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Added 1 paper to", page.QuerySelector("[role=status]")!.TextContent);
        var notImported = page.QuerySelectorAll(".import-list")[0].QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, notImported.Count);
        Assert.Contains("Something on arXiv", notImported[0]);
        Assert.Contains("arXiv did not answer", notImported[0]);
        Assert.Contains("The Art of Computer Programming", notImported[1]);
        Assert.Contains("line 6", notImported[0]);
        Assert.Contains("line 11", notImported[1]);
        Assert.Equal(["2605.00002"], await ItemsAsync(app, await CollectionIdAsync(app, "reading")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_malformed_file_is_refused_with_its_line_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, SubmissionTestKit.ClosedPort());
        var ada = await TestUser.CreateAsync(app, "ada");
        var id = await CreateCollectionAsync(ada, "Imported");
        var broken = Library + "\n\n@misc{broken,\n  title = {Unbalanced {braces},\n  year = {2026},\n}\n";

        using var response = await PostMultipartAsync(app, ada, $"/api/collections/{id}/import", Encoding.UTF8.GetBytes(broken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var brokenLine = broken.Split('\n').ToList().FindIndex(l => l.StartsWith("@misc{broken", StringComparison.Ordinal)) + 1;
        Assert.Equal(brokenLine, json.RootElement.GetProperty("line").GetInt32());
        Assert.Contains($"line {brokenLine}", json.RootElement.GetProperty("detail").GetString());
        Assert.Contains("Nothing was imported", json.RootElement.GetProperty("detail").GetString());
        Assert.Equal(6, json.RootElement.GetProperty("references").GetArrayLength());
        Assert.Empty(await ItemsAsync(app, id));
    }

    [Fact]
    public async Task Binary_and_oversized_files_are_refused_and_others_collections_are_not_writable()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite, SubmissionTestKit.ClosedPort());
        var ada = await TestUser.CreateAsync(app, "ada");
        var bob = await TestUser.CreateAsync(app, "bob");
        var id = await CreateCollectionAsync(ada, "Imported");

        using (var binary = await PostRawAsync(app, ada, $"/api/collections/{id}/import", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "application/octet-stream"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
            Assert.Contains("not a text file", await binary.Content.ReadAsStringAsync(Cancel));
        }

        var huge = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("@misc{k, title = {A title that fills the file}}\n", 120_000)));
        Assert.True(huge.Length > 5 * 1024 * 1024);
        using (var tooLarge = await PostMultipartAsync(app, ada, $"/api/collections/{id}/import", huge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType!.MediaType);
        }

        using (var tooLargeRaw = await PostRawAsync(app, ada, $"/api/collections/{id}/import", huge, "text/plain"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLargeRaw.StatusCode);
        }

        using (var notOwner = await PostRawAsync(app, bob, $"/api/collections/{id}/import", Encoding.UTF8.GetBytes(Library), "application/x-bibtex"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notOwner.StatusCode);
        }

        using var anonymous = await app.Client.PostAsync($"/api/collections/{id}/import", new ByteArrayContent(Encoding.UTF8.GetBytes(Library)), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await ItemsAsync(app, id));
    }

    [Fact]
    public async Task A_cookie_signed_in_import_without_the_antiforgery_token_is_refused()
    {
        await using var app = await StartAsync(DatabaseProvider.Sqlite, SubmissionTestKit.ClosedPort());
        var ada = await TestUser.CreateAsync(app, "ada");
        var id = await CreateCollectionAsync(ada, "Reading");
        using var browser = await ada.SignInAsync();

        using var page = await browser.UploadAsync(null, "/collections/ada/reading/import", "file", Encoding.UTF8.GetBytes(Library), "library.bib", "application/x-bibtex");
        using var api = await browser.UploadAsync(null, $"/api/collections/{id}/import", "file", Encoding.UTF8.GetBytes(Library), "library.bib", "application/x-bibtex");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Empty(await ItemsAsync(app, id));
    }

    private static async Task<TestApp> StartAsync(DatabaseProvider provider, Uri arxivApi)
    {
        var app = await SubmissionTestKit.StartAsync(provider, arxivApi);
        var sparse = PaperFactory.InFeed("2605.00002", Day, title: "Sparse mixtures of readers", authors: ["Edsger Dijkstra"]);
        sparse.Doi = "10.5555/Sparse.2026";
        await app.AddPapersAsync(
            PaperFactory.InFeed("2605.00001", Day, title: "Attention is all we collect", authors: ["Ada Lovelace", "Alan Turing"]),
            sparse,
            PaperFactory.InFeed("2605.00003", Day, title: "Curating the daily feed", authors: ["Barbara Liskov"]),
            PaperFactory.InCatalog("2605.00004", Day, title: "Curating the weekly feed", authors: ["Barbara Liskov"]));
        return app;
    }

    private static async Task<HttpResponseMessage> PostRawAsync(TestApp app, TestUser user, string url, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new("Bearer", user.Token);
        return await app.Client.SendAsync(request, Cancel);
    }

    private static async Task<HttpResponseMessage> PostMultipartAsync(TestApp app, TestUser user, string url, byte[] file)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-bibtex");
        form.Add(content, "file", "library.bib");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        request.Headers.Authorization = new("Bearer", user.Token);
        return await app.Client.SendAsync(request, Cancel);
    }

    private static async Task<long> CreateCollectionAsync(TestUser user, string name)
    {
        using var created = await user.SendAsync(HttpMethod.Post, "/api/collections", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("id").GetInt64();
    }

    private static Task<long> CollectionIdAsync(TestApp app, string slug) =>
        app.QueryAsync(db => db.Collections.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync(Cancel));

    private static Task<List<string>> ItemsAsync(TestApp app, long id) =>
        app.QueryAsync(db => db.CollectionItems.Where(i => i.CollectionId == id).OrderBy(i => i.Position).Select(i => i.PaperId).ToListAsync(Cancel));
}
