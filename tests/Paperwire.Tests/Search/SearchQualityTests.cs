using Microsoft.Extensions.DependencyInjection;
using Paperwire.Search.Evaluation;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Indexing;
using Paperwire.Storage.Coordination;

namespace Paperwire.Tests.Search;

/// <summary>
/// The quality bar of issue 4 on the shipped corpora: on the judged queries in eval/search-queries.json,
/// hybrid search beats keyword-only and meaning-only search on nDCG@10, MRR and recall@10.
/// </summary>
public sealed class SearchQualityTests
{
    [Fact]
    public async Task Hybrid_beats_keyword_and_meaning_alone_on_the_judged_queries()
    {
        await using var app = await TestApp.StartAsync(arxivSample: true, embeddings: true);
        await WaitForIndexesAsync(app, papers: 4336);

        var set = EvaluationSet.Load(Path.Combine(RepositoryRoot(), "eval", "search-queries.json"));
        var scores = new SearchEvaluation(app.Services.GetRequiredService<PaperSearch>()).Run(set).ToDictionary(s => s.Mode);

        var hybrid = scores[SearchMode.Hybrid];
        foreach (var single in new[] { scores[SearchMode.Keyword], scores[SearchMode.Semantic] })
        {
            Assert.True(hybrid.Ndcg > single.Ndcg, $"nDCG@10: hybrid {hybrid.Ndcg:F3} vs {single.Mode} {single.Ndcg:F3}");
            Assert.True(hybrid.Mrr > single.Mrr, $"MRR: hybrid {hybrid.Mrr:F3} vs {single.Mode} {single.Mrr:F3}");
            Assert.True(hybrid.Recall > single.Recall, $"recall@10: hybrid {hybrid.Recall:F3} vs {single.Mode} {single.Recall:F3}");
        }
    }

    /// <summary>Waits for the background sample load and the index worker (shipped vectors make this seconds).</summary>
    internal static async Task WaitForIndexesAsync(TestApp app, int papers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await app.QueryAsync(db => Task.FromResult(db.Papers.Count())) < papers)
        {
            Assert.True(DateTime.UtcNow < deadline, "The arXiv sample was not loaded within 120 s.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await app.UntilIndexedAsync();
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Paperwire.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
