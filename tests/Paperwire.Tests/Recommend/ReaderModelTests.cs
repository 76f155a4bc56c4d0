using Paperwire.Recommend;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Signals;
using static Paperwire.Tests.Recommend.ShippedCorpus;

namespace Paperwire.Tests.Recommend;

public sealed class ReaderModelTests
{
    [Theory]
    [InlineData(ModelKind.LinearSvm)]
    [InlineData(ModelKind.LogisticRegression)]
    public void Train_SameSignalsPoolAndSeed_GivesTheSameModel(ModelKind classifier)
    {
        var papers = InCategory("math.OC");
        var signals = Upvoted(papers.Take(8), notInterested: papers.Skip(8).Take(2), follows: ReaderFollows.OfCategories("math.OC"));
        var trainer = new ReaderModelTrainer(Corpus.Vectors, new RecommendOptions { Classifier = classifier });
        var pool = Pool(Corpus.Papers.Select(p => p.Paper));

        var first = trainer.Train(signals, pool, seed: 7);
        var second = trainer.Train(signals, Pool(Corpus.Papers.Select(p => p.Paper)), seed: 7);

        Assert.Equal(classifier, first.Kind);
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.CategoryWeights, second.CategoryWeights);
        Assert.Equal(first.Bias, second.Bias);
        Assert.Equal(first.ToJson(), second.ToJson());
    }

    [Fact]
    public void Train_FewerThanThreePositives_GivesAClosenessModel()
    {
        var papers = InCategory("math.OC");

        var model = new ReaderModelTrainer(Corpus.Vectors, new RecommendOptions()).Train(Upvoted(papers.Take(2)), Pool(papers), seed: 1);

        Assert.Equal(ModelKind.Closeness, model.Kind);
        Assert.Empty(model.Weights);
    }

    [Fact]
    public void FromJson_OfToJson_RanksExactlyAsTheTrainedModel()
    {
        var papers = InCategory("math.CO");
        var pool = Pool(papers);
        var signals = Upvoted(papers.Take(5), version: 12);
        var trained = new ReaderModelTrainer(Corpus.Vectors, new RecommendOptions()).Train(signals, pool, seed: 3);

        var restored = ReaderModel.FromJson(trained.ToJson());

        Assert.NotNull(restored);
        Assert.True(restored.IsCurrentFor(signals));
        Assert.Equal(trained.Weights, restored.Weights);
        var recommender = new Paperwire.Recommend.Ranking.Recommender(Corpus.Vectors, new RecommendOptions());
        Assert.Equal(
            recommender.Recommend(signals, trained, pool, 30).Select(r => (r.Paper.Id, r.Score)),
            recommender.Recommend(signals, restored, pool, 30).Select(r => (r.Paper.Id, r.Score)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("""{"format":0,"kind":"linearSvm","signalsVersion":1,"weights":[1],"categoryWeights":{},"bias":0}""")]
    [InlineData("""{"format":1,"kind":"linearSvm","signalsVersion":1,"weights":[],"categoryWeights":{},"bias":0}""")]
    public void FromJson_UnreadableOrOtherFormat_ReturnsNullSoTheModelIsRetrained(string json) =>
        Assert.Null(ReaderModel.FromJson(json));

    [Fact]
    public void IsCurrentFor_SignalsChangedSinceTraining_IsFalse()
    {
        var model = ReaderModel.Closeness(signalsVersion: 4);

        Assert.True(model.IsCurrentFor(ReaderSignals.None with { Version = 4 }));
        Assert.False(model.IsCurrentFor(ReaderSignals.None with { Version = 5 }));
    }
}
