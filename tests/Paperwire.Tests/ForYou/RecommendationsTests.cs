using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Tests.Search;

namespace Paperwire.Tests.ForYou;

/// <summary><c>GET /api/recommendations</c> over the shipped arXiv sample, with its shipped vectors.</summary>
public class RecommendationsTests
{
    [Fact]
    public async Task Can_get_language_papers_after_upvoting_language_papers_each_with_a_checkable_reason()
    {
        await using var app = await TestApp.StartAsync(arxivSample: true, embeddings: true);
        await SearchQualityTests.WaitForIndexesAsync(app, papers: 4336);
        var nlp = await app.QueryAsync(async db => (await db.Papers.AsNoTracking().Where(p => p.Id.StartsWith("2309.")).ToListAsync(Cancel))
            .Where(p => p.Categories.FirstOrDefault() == "cs.CL").OrderBy(p => p.Id, StringComparer.Ordinal).ToList());
        Assert.True(nlp.Count >= 20, $"the sample has {nlp.Count} cs.CL papers from 2309");
        var upvoted = nlp.Take(5).ToDictionary(p => p.Id, p => p.Title);
        var ann = await Reader.CreateAsync(app, "ann");
        foreach (var id in upvoted.Keys)
        {
            await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/papers/{id}/upvote");
        }

        var from = DateOnly.FromDateTime(nlp.Min(p => p.PublishedAt).UtcDateTime);
        var window = $"from={from:yyyy-MM-dd}&to={from.AddDays(30):yyyy-MM-dd}";
        var recommended = await ann.RecommendationsAsync("limit=10&" + window);

        Assert.Equal(10, recommended.Count);
        var ids = recommended.Select(r => r.Id).ToList();
        var papers = await app.QueryAsync(async db => (await db.Papers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(Cancel)).ToDictionary(p => p.Id));

        // About language: in cs.CL, or a paper of another category whose title says it (cs.LG papers on language models).
        bool AboutLanguage(string id) => papers[id].Categories.Contains("cs.CL") || papers[id].Title.Contains("language", StringComparison.OrdinalIgnoreCase);
        var language = ids.Count(AboutLanguage);
        Assert.True(language >= 8, $"{language} of the top 10 are about language: {string.Join("; ", ids.Select(id => $"{id} [{string.Join(' ', papers[id].Categories)}] {papers[id].Title}"))}");
        Assert.All(recommended, r =>
        {
            Assert.DoesNotContain(r.Id, upvoted.Keys); // never a paper the reader already upvoted
            Assert.NotNull(r.ReasonPaper);
            Assert.Contains(r.ReasonPaper, upvoted.Keys);
            Assert.Equal($"Close to {upvoted[r.ReasonPaper]}", r.Reason);
        });

        // The next page continues the ranking without repeating it.
        var next = await ann.RecommendationsAsync("limit=10&p=1&" + window);
        Assert.Empty(next.Select(r => r.Id).Intersect(recommended.Select(r => r.Id)));
    }

    [Fact]
    public async Task Can_get_the_papers_of_a_followed_archive_with_the_category_as_reason_and_never_a_withdrawn_one()
    {
        await using var app = await TestApp.StartAsync(demo: false, embeddings: true);
        await app.AddPapersAsync(SearchWeb.SearchTestKit.TwoTopics());
        var ann = await Reader.CreateAsync(app, "ann");
        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "q-bio" });
        await SearchWeb.SearchTestKit.UntilAsync(async () => (await ann.RecommendationsAsync()).Count == 3, "the three q-bio papers are embedded and recommended");

        var followed = await ann.RecommendationsAsync();
        Assert.Equal(["2601.00001", "2601.00002", "2601.00003"], followed.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(followed, r => Assert.Equal(("In q-bio.BM, which you follow", null), (r.Reason, r.ReasonPaper)));

        var withdrawn = SearchWeb.SearchTestKit.TwoTopics()[1];
        withdrawn.Withdrawn = true;
        await app.AddPapersAsync(withdrawn);
        Assert.DoesNotContain(await ann.RecommendationsAsync(), r => r.Id == withdrawn.Id);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("p=-1")]
    [InlineData("p=abc")]
    [InlineData("from=2026-13-01")]
    [InlineData("from=2026-05-10&to=2026-05-01")]
    [InlineData("from=2026-01-01&to=2026-03-01")]
    public async Task Recommendations_BadQuery_IsAValidationProblem(string query)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var ann = await Reader.CreateAsync(app, "ann");

        var (status, body) = await ann.SendAsync(HttpMethod.Get, "/api/recommendations?" + query);

        Assert.True(status == HttpStatusCode.BadRequest, body);
        Assert.Contains("\"errors\"", body);
    }

    [Fact]
    public async Task Recommendations_ForAReaderWithoutSignals_AreEmpty()
    {
        await using var app = await TestApp.StartAsync();
        var ann = await Reader.CreateAsync(app, "ann");

        Assert.Empty(await ann.RecommendationsAsync());
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
}
