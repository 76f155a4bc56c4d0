using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;
using Paperwire.Tests.Community.Submissions;
using Paperwire.Thumbnails;
using static Paperwire.Tests.Thumbnails.ThumbnailTestKit;

namespace Paperwire.Tests.Thumbnails;

/// <summary>
/// Feed papers get the first page of their PDF as a thumbnail, fetched from a fixture arXiv and drawn by pdftoppm:
/// it shows on cards, the paper page, its link previews and the API, and is served to be cached for a year. PDFs that
/// are not, are too big or do not draw are remembered with the reason, store nothing and leave the others alone.
/// </summary>
public class ThumbnailTests
{
    private const string Day = "/papers/date/2026-05-28";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_see_a_feed_papers_first_page_on_its_card_its_page_and_in_the_api(DatabaseProvider provider)
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00001", FixtureResponse.Pdf(TestPdfs.Page()));
        arxiv.ServePdf("hep-th/9901001", FixtureResponse.Pdf(TestPdfs.Page()));
        await using var app = await StartAsync(arxiv, provider);
        await app.AddPapersAsync(FeedPaper("2605.00001", minutes: 2), FeedPaper("hep-th/9901001", minutes: 1), FeedPaper(PaperId.LocalFromTitle("A local paper"), minutes: 3));
        var before = await app.Client.GetStringAsync(Day, Cancel); // cached: storing the thumbnail must evict it
        Assert.DoesNotContain("/thumbnails/", before, StringComparison.Ordinal);

        var run = await app.RunThumbnailsAsync();
        await app.UntilCacheCaughtUpAsync();

        Assert.Equal(("ran", 2, 0), (run.State, run.Stored, run.Failed));
        // Newest in the feed first; a paper without an arXiv id is never asked for.
        Assert.Equal(["/pdf/2605.00001", "/pdf/hep-th/9901001"], arxiv.Requests.Select(r => r.Path));
        Assert.All(arxiv.Requests, r => Assert.Contains("Paperwire/", r.UserAgent, StringComparison.Ordinal));
        Assert.All(arxiv.Requests, r => Assert.Contains(Contact, r.UserAgent, StringComparison.Ordinal));
        Assert.Equal(["2605.00001.png", "hep-th_9901001.png"], app.ThumbnailFiles());
        Assert.Equal((ThumbnailOutcome.Stored, 400, 518), (await app.ThumbnailRowAsync("2605.00001") is { } row ? (row.Outcome, row.Width, row.Height) : default));

        using var image = await app.Client.GetAsync("/thumbnails/2605.00001.png", Cancel);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", image.Headers.CacheControl?.ToString());
        Assert.NotNull(image.Headers.ETag);
        Assert.NotNull(image.Content.Headers.LastModified);
        var png = await image.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(app.ThumbnailFolder(), "2605.00001.png"), Cancel), png);
        using (var again = new HttpRequestMessage(HttpMethod.Get, "/thumbnails/2605.00001.png"))
        {
            again.Headers.IfNoneMatch.Add(image.Headers.ETag!);
            using var unchanged = await app.Client.SendAsync(again, Cancel);
            Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        }

        using (var old = await app.Client.GetAsync("/thumbnails/hep-th/9901001.png", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        var day = await app.Client.GetStringAsync(Day, Cancel);
        Assert.Contains("<img src=\"/thumbnails/2605.00001.png\" alt=\"\" width=\"160\" height=\"90\" loading=\"lazy\"", day, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/thumbnails/hep-th/9901001.png\"", day, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(day, "/thumbnails/"));

        var page = await app.Client.GetStringAsync("/papers/2605.00001", Cancel);
        Assert.Contains("<meta property=\"og:image\" content=\"http://localhost/thumbnails/2605.00001.png\">", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:image\" content=\"http://localhost/thumbnails/2605.00001.png\">", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", page, StringComparison.Ordinal);
        Assert.Contains("alt=\"First page of the PDF\" width=\"400\" height=\"518\" loading=\"lazy\"", page, StringComparison.Ordinal);

        var items = await (await app.Client.GetAsync("/api/daily_papers?date=2026-05-28", Cancel)).JsonAsync();
        var thumbnails = items.EnumerateArray().ToDictionary(i => i.GetProperty("paper").GetProperty("id").GetString()!, i => i.GetProperty("thumbnail").GetString());
        Assert.Equal("http://localhost/thumbnails/2605.00001.png", thumbnails["2605.00001"]);
        Assert.Equal("http://localhost/thumbnails/hep-th/9901001.png", thumbnails["hep-th/9901001"]);
        Assert.Null(thumbnails[PaperId.LocalFromTitle("A local paper")]);

        // Nothing left to do: the next run asks arXiv for nothing, and the run is on the status page's list.
        Assert.Equal("idle", (await app.RunThumbnailsAsync()).State);
        Assert.Equal(2, arxiv.Requests.Count);
        var recorded = await app.QueryAsync(db => db.ScheduledJobRuns.FindAsync([ThumbnailWorker.LeaseName], Cancel).AsTask());
        Assert.Equal("2 stored, 0 failed", recorded?.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_error_page_instead_of_a_pdf_is_remembered_stores_nothing_and_is_not_fetched_again(DatabaseProvider provider)
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00002", FixtureResponse.Html());
        arxiv.ServePdf("2605.00001", FixtureResponse.Pdf(TestPdfs.Page()));
        await using var app = await StartAsync(arxiv, provider);
        await app.AddPapersAsync(FeedPaper("2605.00002", minutes: 2), FeedPaper("2605.00001", minutes: 1));

        var run = await app.RunThumbnailsAsync();

        Assert.Equal((1, 1), (run.Stored, run.Failed));
        var row = await app.ThumbnailRowAsync("2605.00002");
        Assert.Equal(ThumbnailOutcome.NotPdf, row?.Outcome);
        Assert.Contains("did not answer with a PDF (it sent text/html)", row?.Detail, StringComparison.Ordinal);
        Assert.Equal(["2605.00001.png"], app.ThumbnailFiles()); // the other paper is unaffected
        Assert.Equal("idle", (await app.RunThumbnailsAsync()).State);
        Assert.Equal(1, arxiv.RequestsFor("2605.00002"));
        using var missing = await app.Client.GetAsync("/thumbnails/2605.00002.png", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var page = await app.Client.GetStringAsync("/papers/2605.00002", Cancel);
        Assert.DoesNotContain("/thumbnails/", page, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary\">", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_enormous_pdf_is_not_downloaded_whole_and_nothing_is_stored(bool saysItsLength)
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00003", FixtureResponse.Pdf(TestPdfs.Enormous(1024 * 1024)) with { Chunked = !saysItsLength });
        await using var app = await StartAsync(arxiv, settings: ("MaxPdfBytes", "65536"));
        await app.AddPapersAsync(FeedPaper("2605.00003", minutes: 1));

        var run = await app.RunThumbnailsAsync();

        Assert.Equal((0, 1), (run.Stored, run.Failed));
        var row = await app.ThumbnailRowAsync("2605.00003");
        Assert.Equal(ThumbnailOutcome.TooLarge, row?.Outcome);
        Assert.Contains(saysItsLength ? "not downloaded" : "download stopped", row?.Detail, StringComparison.Ordinal);
        Assert.Empty(app.ThumbnailFiles());
        Assert.Equal("idle", (await app.RunThumbnailsAsync()).State);
    }

    [Fact]
    public async Task A_pdf_that_pdftoppm_cannot_draw_is_remembered_with_its_reason()
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00004", FixtureResponse.Pdf(TestPdfs.Corrupt()));
        await using var app = await StartAsync(arxiv);
        await app.AddPapersAsync(FeedPaper("2605.00004", minutes: 1));

        var run = await app.RunThumbnailsAsync();

        Assert.Equal((0, 1), (run.Stored, run.Failed));
        var row = await app.ThumbnailRowAsync("2605.00004");
        Assert.Equal(ThumbnailOutcome.RenderFailed, row?.Outcome);
        Assert.StartsWith("pdftoppm could not draw the first page", row?.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', row!.Detail!);
        Assert.Empty(app.ThumbnailFiles());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_the_node_holding_the_lease_fetches_and_a_stopped_node_hands_it_on(DatabaseProvider provider)
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00010", FixtureResponse.Pdf(TestPdfs.Page()));
        arxiv.ServePdf("2605.00011", FixtureResponse.Pdf(TestPdfs.Page()));
        await using var first = await StartAsync(arxiv, provider);
        // Thumbnails on storage both nodes mount, as docs/thumbnails.md says a cluster must have them.
        await using var second = await TestApp.StartAnotherNodeAsync(first, Settings(arxiv, ("Directory", first.ThumbnailFolder())));
        await first.AddPapersAsync(FeedPaper("2605.00010", minutes: 1));

        Assert.Equal(1, (await first.RunThumbnailsAsync()).Stored);
        await first.AddPapersAsync(FeedPaper("2605.00011", minutes: 2));
        Assert.Equal("elsewhere", (await second.RunThumbnailsAsync()).State);
        Assert.Single(arxiv.Requests);

        // A clean stop gives the lease back: the other node goes on at once, not after the lease lapses.
        await first.Services.GetRequiredService<ThumbnailWorker>().StopAsync(Cancel);
        var run = await second.RunThumbnailsAsync();
        Assert.Equal(("ran", 1), (run.State, run.Stored));
        Assert.Equal(["/pdf/2605.00010", "/pdf/2605.00011"], arxiv.Requests.Select(r => r.Path));
        using var served = await second.Client.GetAsync("/thumbnails/2605.00010.png", Cancel); // drawn by the other node
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task A_page_far_taller_than_wide_is_drawn_cropped_to_its_top()
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        // 1 × 200,000 points: at 400 pixels wide, the whole page would be 80 million pixels tall.
        arxiv.ServePdf("2605.00009", FixtureResponse.Pdf(TestPdfs.Page(width: 1, height: 200_000)));
        await using var app = await StartAsync(arxiv);
        await app.AddPapersAsync(FeedPaper("2605.00009", minutes: 1));

        var run = await app.RunThumbnailsAsync();

        Assert.Equal(1, run.Stored);
        Assert.Equal((400, 1600), PdfRenderer.ReadPngSize(Path.Combine(app.ThumbnailFolder(), "2605.00009.png")));
        Assert.Equal((400, 1600), await app.ThumbnailRowAsync("2605.00009") is { } row ? (row.Width, row.Height) : default);
    }

    [Fact]
    public async Task A_429_with_retry_after_pauses_every_fetch_until_the_time_is_up()
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        var busy = FixtureResponse.Text(429, "text/plain", "Too many requests") with { RetryAfter = TimeSpan.FromSeconds(120) };
        arxiv.ServePdf("2605.00005", busy, FixtureResponse.Pdf(TestPdfs.Page()));
        arxiv.ServePdf("2605.00006", FixtureResponse.Pdf(TestPdfs.Page()));
        await using var app = await StartAsync(arxiv);
        await app.AddPapersAsync(FeedPaper("2605.00005", minutes: 2), FeedPaper("2605.00006", minutes: 1));

        var first = await app.RunThumbnailsAsync();
        Assert.Equal(("ran", 0, 0), (first.State, first.Stored, first.Failed));
        Assert.Equal(TestApp.Now.AddSeconds(120), first.PausedUntil);
        Assert.Single(arxiv.Requests); // the second paper waits too
        Assert.Null(await app.ThumbnailRowAsync("2605.00005")); // not the paper's fault: nothing recorded against it

        app.Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal("paused", (await app.RunThumbnailsAsync()).State);
        Assert.Single(arxiv.Requests);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await app.RunThumbnailsAsync();
        Assert.Equal(("ran", 2), (after.State, after.Stored));
        Assert.Equal(["/pdf/2605.00005", "/pdf/2605.00005", "/pdf/2605.00006"], arxiv.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_server_error_pauses_the_worker_and_the_paper_is_asked_for_again_a_day_later()
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00012", FixtureResponse.Text(500, "text/plain", "Internal error"), FixtureResponse.Pdf(TestPdfs.Page()));
        arxiv.ServePdf("2605.00013", FixtureResponse.Pdf(TestPdfs.Page()));
        await using var app = await StartAsync(arxiv);
        await app.AddPapersAsync(FeedPaper("2605.00012", minutes: 2), FeedPaper("2605.00013", minutes: 1));

        var first = await app.RunThumbnailsAsync();
        Assert.Equal((0, 1, TestApp.Now.AddMinutes(5)), (first.Stored, first.Failed, first.PausedUntil));
        Assert.Equal(ThumbnailOutcome.Unreachable, (await app.ThumbnailRowAsync("2605.00012"))?.Outcome);
        Assert.Single(arxiv.Requests); // an outage marks one paper, not the whole batch

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await app.RunThumbnailsAsync()).Stored);
        Assert.Equal(["/pdf/2605.00012", "/pdf/2605.00013"], arxiv.Requests.Select(r => r.Path));

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await app.RunThumbnailsAsync()).Stored);
        Assert.Equal(ThumbnailOutcome.Stored, (await app.ThumbnailRowAsync("2605.00012"))?.Outcome);
    }

    [Fact]
    public async Task Without_pdftoppm_nothing_is_fetched_and_the_log_says_why_once()
    {
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00007", FixtureResponse.Pdf(TestPdfs.Page()));
        await using var app = await StartAsync(arxiv);
        await app.AddPapersAsync(FeedPaper("2605.00007", minutes: 1));
        var settings = app.Services.GetRequiredService<IOptions<ThumbnailOptions>>().Value;
        var options = Options.Create(new ThumbnailOptions
        {
            Directory = settings.Directory,
            PdfUrl = settings.PdfUrl,
            Delay = TimeSpan.Zero,
            Renderer = Path.Combine(app.Database.DataDirectory, "no-such-folder", "pdftoppm"),
        });
        var log = new LogLines<ThumbnailWorker>();
        var worker = ActivatorUtilities.CreateInstance<ThumbnailWorker>(app.Services, new PdfRenderer(options), new ThumbnailFiles(options), options, log);

        await worker.StartAsync(Cancel);
        await worker.ExecuteTask!;
        var runs = new[] { await worker.RunOnceAsync(Cancel), await worker.RunOnceAsync(Cancel) };
        await worker.StopAsync(Cancel);

        Assert.All(runs, run => Assert.Equal("off", run.State));
        Assert.Empty(arxiv.Requests);
        var line = Assert.Single(log.All);
        Assert.Contains("no PDF is fetched", line, StringComparison.Ordinal);
        Assert.Contains("install Debian's poppler-utils", line, StringComparison.Ordinal);
        Assert.StartsWith("off (", worker.Schedule, StringComparison.Ordinal);
        Assert.Null(await app.ThumbnailRowAsync("2605.00007"));
        var day = await app.Client.GetStringAsync(Day, Cancel);
        Assert.DoesNotContain("/thumbnails/", day, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/thumbnails/2605.00001.png")] // a real id with no thumbnail yet
    [InlineData("/thumbnails/..%2F..%2Fpaperwire.db")]
    [InlineData("/thumbnails/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/thumbnails/..%2Fthumbnails%2F2605.00001.png")]
    [InlineData("/thumbnails/hep-th%2F9901001.png")]
    [InlineData("/thumbnails/2605.00001v2.png")]
    [InlineData("/thumbnails/2605.00001.png.png")]
    [InlineData("/thumbnails/2605.00001.PNG")]
    [InlineData("/thumbnails/2605.00001")]
    [InlineData("/thumbnails/pw-0123456789ab.png")]
    [InlineData("/thumbnails/2605.00001%20.png")]
    [InlineData("/thumbnails/")]
    [InlineData("/thumbnails/arXiv:2605.00001.png")]
    public async Task Addresses_that_name_no_thumbnail_get_the_friendly_not_found_page(string path)
    {
        await using var arxiv = await FixtureServer.StartAsync();
        await using var app = await StartAsync(arxiv);
        await app.AddPapersAsync(FeedPaper("2605.00001", minutes: 1));
        // Files an address might reach if it could climb or alias: none may be served.
        Directory.CreateDirectory(app.ThumbnailFolder());
        await File.WriteAllBytesAsync(Path.Combine(app.Database.DataDirectory, "secret.png"), TestImages.Png(2, 2), Cancel);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await app.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Empty(arxiv.Requests);
    }

    [Theory]
    [InlineData("2504.05299.png", "2504.05299")]
    [InlineData("hep-th/9901001.png", "hep-th/9901001")]
    [InlineData("math.AG/0101001.png", "math.AG/0101001")]
    [InlineData("2504.05299v2.png", null)]
    [InlineData("arXiv:2504.05299.png", null)]
    [InlineData("../2504.05299.png", null)]
    [InlineData("2504.05299.png/..", null)]
    [InlineData(" 2504.05299.png", null)]
    [InlineData("pw-0123456789ab.png", null)]
    [InlineData("hep-th/../9901001.png", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TryGetArxivId_OnlyCatalogArxivIdsWithPng_NameAThumbnail(string? file, string? expected)
    {
        var parsed = Paperwire.Thumbnails.ThumbnailFiles.TryGetArxivId(file, out var id);

        Assert.Equal(expected, parsed ? id : null);
    }

    [Fact]
    public async Task A_thumbnail_whose_file_went_missing_is_fetched_again()
    {
        RequirePdftoppm();
        await using var arxiv = await FixtureServer.StartAsync();
        arxiv.ServePdf("2605.00008", FixtureResponse.Pdf(TestPdfs.Page()));
        await using var app = await StartAsync(arxiv);
        await app.AddPapersAsync(FeedPaper("2605.00008", minutes: 1));
        await app.RunThumbnailsAsync();
        File.Delete(Path.Combine(app.ThumbnailFolder(), "2605.00008.png")); // a restored backup, a new disk

        // The next start (once the stopped node's lease has lapsed) checks the folder once and asks again for what is gone.
        app.Clock.Advance(ThumbnailWorker.LeaseDuration + TimeSpan.FromSeconds(1));
        var restarted = ActivatorUtilities.CreateInstance<ThumbnailWorker>(app.Services);
        var run = await restarted.RunOnceAsync(Cancel);

        Assert.Equal(1, run.Stored);
        Assert.Equal(2, arxiv.RequestsFor("2605.00008"));
        Assert.Equal(["2605.00008.png"], app.ThumbnailFiles());
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
