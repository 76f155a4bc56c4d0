using Paperwire.Recommend;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using static Paperwire.Tests.Recommend.ShippedCorpus;

namespace Paperwire.Tests.Recommend;

public sealed class RecommenderTests
{
    [Theory]
    [InlineData(ModelKind.LinearSvm, 5)]
    [InlineData(ModelKind.LogisticRegression, 5)]
    [InlineData(ModelKind.LinearSvm, 2)]
    public void Recommend_ReaderUpvotedLanguagePapers_RanksLanguagePapersAboveVisionPapers(ModelKind classifier, int upvotes)
    {
        var language = InCategory("cs.CL");
        var vision = InCategory("cs.CV");
        var signals = Upvoted(language.Take(upvotes));

        var ranked = Rank(signals, Pool(language.Concat(vision)), count: 200, new RecommendOptions { Classifier = classifier });

        // Two upvotes make a cold start (closeness), which is rougher than a trained model but still clearly on topic.
        Assert.True(ranked.Take(10).Count(r => r.Paper.Categories[0] == "cs.CL") >= (upvotes >= 3 ? 9 : 7), string.Join("\n", ranked.Take(10).Select(r => $"{r.Paper.Categories[0]} {r.Paper.Title}")));
        Assert.True(MeanPosition(ranked, "cs.CL") < MeanPosition(ranked, "cs.CV") - 20, $"{MeanPosition(ranked, "cs.CL")} vs {MeanPosition(ranked, "cs.CV")}");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(2)]
    public void Recommend_PaperMarkedNotInterested_DisappearsAndItsNearestNeighbourSinks(int upvotes)
    {
        var papers = InCategory("math.AP");
        var pool = Pool(papers);
        var before = Upvoted(papers.Take(upvotes));
        var ranking = Rank(before, pool, pool.Count);
        var dismissed = ranking[2].Paper;
        var neighbour = NearestOtherThan(pool, dismissed, before);

        var after = before with { Version = 2, NotInterested = [dismissed] };
        var reranked = Rank(after, pool, pool.Count);

        Assert.DoesNotContain(reranked, r => r.Paper.Id == dismissed.Id);
        Assert.True(Position(reranked, neighbour) > Position(ranking, neighbour) + 3, $"{neighbour}: {Position(ranking, neighbour)} → {Position(reranked, neighbour)}");
    }

    [Fact]
    public void Recommend_OnlyFollowedCategory_ShowsThatCategoryNewestFirstWithTheFollowAsReason()
    {
        var pool = Pool(InCategory("cs.CL").Concat(InCategory("cs.CV")).Concat(InCategory("math.CO")));
        var signals = new ReaderSignals(1, [], [], ReaderFollows.OfCategories("cs.CL"));

        var ranked = Rank(signals, pool, 500);

        Assert.NotEmpty(ranked);
        Assert.All(ranked, r => Assert.Contains("cs.CL", r.Paper.Categories));
        Assert.All(ranked, r => Assert.Equal("In cs.CL, which you follow", r.Reason.Text));
        Assert.Equal(ranked.Select(r => r.Paper.PublishedOn).OrderDescending(), ranked.Select(r => r.Paper.PublishedOn));
    }

    [Fact]
    public void Recommend_TrainedModel_ReasonNamesTheNearestUpvotedPaperById()
    {
        var papers = InCategory("cs.CL");
        var signals = Upvoted(papers.Take(5));

        var ranked = Rank(signals, Pool(papers), 10);

        Assert.All(ranked, r =>
        {
            Assert.Equal(ReasonKind.CloseTo, r.Reason.Kind);
            var nearest = signals.Positives.MaxBy(p => Cosine(p.Paper, r.Paper))!.Paper;
            Assert.Equal(nearest.Id, r.Reason.PaperId);
            Assert.Equal($"Close to {nearest.Title}", r.Reason.Text);
        });
    }

    [Fact]
    public void Recommend_FollowedAuthorWrittenDifferently_ReasonQuotesTheNameOnThePaper()
    {
        var papers = InCategory("math.NT");
        var written = papers[10].Authors[0];
        var signals = new ReaderSignals(1, [], [], new ReaderFollows([], [], ["  " + written.ToUpperInvariant().Replace(" ", "   ", StringComparison.Ordinal)]));

        var ranked = Rank(signals, Pool(papers), 5);

        Assert.Contains(ranked, r => r.Paper.Id == papers[10].Id);
        Assert.All(ranked, r => Assert.Equal($"By {written}, whom you follow", r.Reason.Text));
    }

    [Fact]
    public void Recommend_WithdrawnUpvotedAndNotInterestedPapers_NeverAppear()
    {
        var papers = InCategory("math.PR");
        var withdrawn = papers[20] with { Withdrawn = true };
        var pool = Pool(papers.Take(20).Append(withdrawn).Concat(papers.Skip(21)));
        var signals = Upvoted(papers.Take(6), notInterested: papers.Skip(6).Take(3), follows: ReaderFollows.OfCategories("math.PR"));

        var ranked = Rank(signals, pool, 1000);

        Assert.Equal(papers.Count - 10, ranked.Count);
        Assert.DoesNotContain(ranked, r => r.Paper.Id == withdrawn.Id || papers.Take(9).Any(p => p.Id == r.Paper.Id));
    }

    [Fact]
    public void Recommend_NoUpvotesAndNoFollows_ReturnsNothing()
    {
        var papers = InCategory("cs.CL");
        var signals = new ReaderSignals(1, [], [papers[0]], ReaderFollows.None);

        Assert.Empty(Rank(signals, Pool(papers), 10));
    }

    private static string NearestOtherThan(CandidatePool pool, CatalogPaper paper, ReaderSignals signals) =>
        Enumerable.Range(0, pool.Count)
            .Select(pool.Paper)
            .Where(p => p.Id != paper.Id && signals.Positives.All(s => s.Paper.Id != p.Id))
            .MaxBy(p => Cosine(p, paper))!.Id;

    private static double MeanPosition(IReadOnlyList<Recommendation> ranking, string primary) =>
        ranking.Select((r, i) => (r, i)).Where(x => x.r.Paper.Categories[0] == primary).Average(x => x.i);

    private static int Position(IReadOnlyList<Recommendation> ranking, string id) =>
        ranking.Select((r, i) => (r, i)).First(x => x.r.Paper.Id == id).i;

    private static float Cosine(CatalogPaper a, CatalogPaper b)
    {
        Corpus.Vectors.TryGet(a.Id, out var x);
        Corpus.Vectors.TryGet(b.Id, out var y);
        return System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y);
    }
}
