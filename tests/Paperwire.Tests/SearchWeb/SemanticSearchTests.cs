using System.Net;
using System.Text.Json;
using Paperwire.Core.Papers;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.SearchWeb;

/// <summary>
/// Search by meaning and similar papers, with the real model over a dozen papers on a few clear topics. The papers
/// are embedded once for the whole class; only the withdrawal test changes the catalog, and only its own papers.
/// </summary>
public class SemanticSearchTests(SemanticSearchTests.EmbeddedCatalog catalog) : IClassFixture<SemanticSearchTests.EmbeddedCatalog>
{
    private const string HeatIslands = "2602.00001";
    private const string OldStyle = "hep-th/9901001";

    [Fact]
    public async Task AParaphrase_IsFoundByMeaning_ButNotByKeywords()
    {
        var app = await catalog.ReadyAsync();
        // Not one word of this (after stemming) is in the target's title or abstract, or in any other paper.
        const string Query = "q=greenery+cooling+down+hot+towns";

        Assert.DoesNotContain(HeatIslands, await SearchIdsAsync(app.Client, Query + "&mode=keyword"));
        Assert.Equal(HeatIslands, (await SearchIdsAsync(app.Client, Query + "&mode=semantic"))[0]);
        Assert.Equal(HeatIslands, (await SearchIdsAsync(app.Client, Query + "&mode=hybrid"))[0]);
        Assert.Equal(HeatIslands, (await SearchIdsAsync(app.Client, Query))[0]); // hybrid is the default
    }

    [Fact]
    public async Task SemanticResults_HonourTheFilters()
    {
        var app = await catalog.ReadyAsync();

        var ids = await SearchIdsAsync(app.Client, "q=greenery+cooling+down+hot+towns&mode=semantic&category=gr-qc");

        Assert.Equal(["2601.00004", "2601.00006"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SimilarPapers_ListTheSameTopicFirst_NeverThePaperItself()
    {
        var app = await catalog.ReadyAsync();

        var protein = await SimilarIdsAsync(app.Client, "2601.00001", limit: 5);
        var blackHoles = await SimilarIdsAsync(app.Client, "2601.00004", limit: 5);

        Assert.Equal(5, protein.Count);
        Assert.Equal(["2601.00002", "2601.00003"], protein.Take(2).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("2601.00001", protein);
        Assert.Equal(["2601.00005", "2601.00006", OldStyle], blackHoles.Take(3).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("2601.00004", blackHoles);
        Assert.Equal(2, (await SimilarIdsAsync(app.Client, "2601.00001", limit: 2)).Count);
    }

    [Fact]
    public async Task SimilarPapers_WorkForOldStyleIdsAndVersionedIds()
    {
        var app = await catalog.ReadyAsync();

        var oldStyle = await SimilarIdsAsync(app.Client, OldStyle, limit: 3);
        var versioned = await SimilarIdsAsync(app.Client, "2601.00001v3", limit: 3);

        Assert.Equal(3, oldStyle.Count);
        Assert.DoesNotContain(OldStyle, oldStyle);
        Assert.Contains("2601.00005", oldStyle); // Hawking radiation, the nearest in topic
        Assert.Equal(await SimilarIdsAsync(app.Client, "2601.00001", limit: 3), versioned);
    }

    [Theory]
    [InlineData("/api/papers/2601.99999/similar", HttpStatusCode.NotFound)]
    [InlineData("/api/papers/hep-th/9999999/similar", HttpStatusCode.NotFound)]
    [InlineData("/api/papers/not-an-id/similar", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2601.00001%20OR%201=1/similar", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2601.00001/similar/similar", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2601.00001/similar?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2601.00001/similar?limit=51", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2601.00001/similar?limit=100000", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2601.00001/similar?limit=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2601.00001/similar?limit=-1", HttpStatusCode.BadRequest)]
    public async Task SimilarPapers_UnknownOrBadRequests_AreProblemDetails(string url, HttpStatusCode status)
    {
        var app = await catalog.ReadyAsync();

        using var response = await app.Client.GetAsync(url, Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SimilarLimit_IsNamedInTheProblem()
    {
        var app = await catalog.ReadyAsync();

        using var response = await app.Client.GetAsync("/api/papers/2601.00001/similar?limit=51", Cancel);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Contains("1 to 50", problem.RootElement.GetProperty("errors").GetProperty("limit")[0].GetString());
    }

    [Fact]
    public async Task PaperPage_ShowsSimilarPapers_ClosestFirst()
    {
        var app = await catalog.ReadyAsync();

        var html = WebUtility.HtmlDecode(await app.Client.GetStringAsync("/papers/2601.00001", Cancel));

        var section = html[html.IndexOf("<h2>Similar papers</h2>", StringComparison.Ordinal)..];
        var folding = section.IndexOf("Folding free-energy landscapes", StringComparison.Ordinal);
        var chaperones = section.IndexOf("Misfolded proteins and chaperones", StringComparison.Ordinal);
        var hawking = section.IndexOf("Hawking radiation", StringComparison.Ordinal);
        Assert.True(folding >= 0 && chaperones >= 0, "the other protein papers are listed");
        Assert.True(hawking < 0 || (folding < hawking && chaperones < hawking), "protein papers come before black holes");
        Assert.DoesNotContain("Deep learning predicts protein tertiary structure", section); // not the paper itself
    }

    [Fact]
    public async Task AWithdrawnPaper_LeavesSimilarPapersAndSearch()
    {
        var app = await catalog.ReadyAsync();
        Assert.Contains("2603.00002", await SimilarIdsAsync(app.Client, "2603.00001", limit: 3));

        var withdrawn = EmbeddedCatalog.Corals()[1];
        withdrawn.Withdrawn = true;
        await app.AddPapersAsync(withdrawn);

        await UntilAsync(async () => !(await SimilarIdsAsync(app.Client, "2603.00001", limit: 50)).Contains("2603.00002"), "the withdrawn paper leaves the similar papers");
        Assert.DoesNotContain("2603.00002", await SimilarIdsAsync(app.Client, "2603.00003", limit: 50));
        // Still in the catalog, but its vector goes too (a moment after it leaves the keyword index).
        await UntilAsync(async () => (await SimilarIdsAsync(app.Client, "2603.00002")).Count == 0, "the withdrawn paper's vector is removed");
        Assert.DoesNotContain("2603.00002", await SearchIdsAsync(app.Client, "q=acidification+calcification"));
        Assert.DoesNotContain("2603.00002", await SearchIdsAsync(app.Client, "q=seawater+getting+more+acidic&mode=semantic&limit=100"));
        var page = WebUtility.HtmlDecode(await app.Client.GetStringAsync("/papers/2603.00001", Cancel));
        Assert.DoesNotContain("Ocean acidification slows reef calcification", page);
    }

    /// <summary>The papers of this class, embedded by the real model before the first test runs.</summary>
    public sealed class EmbeddedCatalog : IAsyncLifetime
    {
        private TestApp? app;
        private Task? embedded;

        public static Paper[] Corals() =>
        [
            Paper("2603.00001", new(2026, 3, 2), "Coral bleaching under marine heatwaves",
                "Repeated marine heatwaves expel symbiotic algae from reef-building corals; we survey bleaching and mortality across the Great Barrier Reef.", "q-bio.PE"),
            Paper("2603.00002", new(2026, 3, 3), "Ocean acidification slows reef calcification",
                "Falling seawater pH reduces the carbonate saturation that corals need to build skeletons; tank experiments quantify calcification rates.", "q-bio.PE"),
            Paper("2603.00003", new(2026, 3, 4), "Restoring degraded coral reefs with larval seeding",
                "Coral larvae reared in nurseries and released over damaged reefs settle and grow, speeding the recovery of reef cover.", "q-bio.PE"),
        ];

        public async ValueTask InitializeAsync()
        {
            app = await TestApp.StartAsync(demo: false, embeddings: true);
            await app.AddPapersAsync(
            [
                .. TwoTopics(),
                Paper(OldStyle, new(1999, 1, 4), "Black hole entropy from string theory microstates",
                    "Counting BPS states of D-branes reproduces the Bekenstein-Hawking entropy of extremal black holes.", "hep-th"),
                Paper(HeatIslands, new(2026, 2, 2), "Urban heat islands and tree canopy cover",
                    "Satellite thermal imagery of forty cities shows that neighbourhoods with more street trees are several degrees cooler on summer afternoons, and planting programmes reduce heat-related hospital admissions.", "physics.ao-ph"),
                .. Corals(),
            ]);
        }

        /// <summary>Waits (once for all tests; a failure fails each of them at once) until every paper is embedded.</summary>
        public async Task<TestApp> ReadyAsync()
        {
            // 11 papers: once one of them has 10 neighbours, all are embedded.
            embedded ??= UntilAsync(async () => (await SimilarIdsAsync(app!.Client, HeatIslands, limit: 50)).Count >= 10, "every paper is embedded", TimeSpan.FromSeconds(60));
            await embedded;
            return app!;
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
