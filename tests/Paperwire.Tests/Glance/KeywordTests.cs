using Paperwire.Search.Glance;

namespace Paperwire.Tests.Glance;

/// <summary>Keyword candidates and the diverse choice among them: what a reader would call distinct keywords.</summary>
public sealed class KeywordTests
{
    [Fact]
    public void Extract_SingularAndPluralOfAPhrase_AreOneCandidate()
    {
        var candidates = Keyphrases.Extract("Neural networks are trained. A neural network generalizes. Neural-network pruning helps.");

        Assert.Single(candidates, c => c.Key == "neural network");
        Assert.Equal(3, candidates.Single(c => c.Key == "neural network").Count);
    }

    [Fact]
    public void Extract_CutsAtStopWordsVerbsAndMath_AndKeepsAcronymsAsWritten()
    {
        var candidates = Keyphrases.Extract("We propose LiDAR odometry for $x^2$ autonomous driving. Transformers outperform the baseline.").Select(c => c.Text).ToList();

        Assert.Contains("LiDAR odometry", candidates);
        Assert.Contains("LiDAR", candidates);
        Assert.Contains("autonomous driving", candidates);
        Assert.DoesNotContain(candidates, c => c.Contains("propose", StringComparison.Ordinal) || c.Contains("outperform", StringComparison.Ordinal) || c.Contains('x'));
        // Capitalized only as a sentence's first word: lowered.
        Assert.DoesNotContain("Transformers", candidates);
    }

    [Fact]
    public void Choose_PrefersADissimilarKeyword_OverANearDuplicateOfOneChosen()
    {
        var texts = new GlanceTexts(
            ["We study spin glasses here."],
            [new("spin glass", "spin glass", 2), new("glassy dynamics", "glassy dynamics", 1), new("replica symmetry", "replica symmetry", 1)]);
        // A paper about two things; "glassy dynamics" says nearly what "spin glass" says, and is closer to the paper
        // than "replica symmetry": by closeness alone it would come second.
        float[] paper = Unit(1, 1, 0);
        float[][] vectors = [paper, Unit(1, 0.2f, 0), Unit(1, 0.15f, 0), Unit(0.1f, 1, 0)];

        var result = GlanceExtractor.Choose(texts, paper, vectors);

        Assert.Equal("We study spin glasses here.", result.KeySentence);
        Assert.Equal(["spin glass", "replica symmetry", "glassy dynamics"], result.Keywords);
    }

    [Fact]
    public void Choose_NeverPicksAPhraseThatRepeatsAChosenOnesWords()
    {
        var texts = new GlanceTexts(
            ["Graph neural networks predict molecular properties well."],
            [new("graph neural networks", "graph neural network", 1), new("neural networks", "neural network", 2),
             new("molecular properties", "molecular property", 1), new("molecular property prediction", "molecular property prediction", 1)]);
        float[] paper = Unit(1, 1, 0);
        float[][] vectors = [Unit(1, 1, 0), Unit(1, 0.9f, 0), Unit(1, 0.95f, 0), Unit(0.9f, 1, 0), Unit(0.95f, 1, 0.1f)];

        var result = GlanceExtractor.Choose(texts, paper, vectors);

        Assert.Equal(2, result.Keywords.Count);
        Assert.Contains(result.Keywords, k => k.Contains("neural", StringComparison.Ordinal));
        Assert.Contains(result.Keywords, k => k.Contains("molecular", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_PassesOverShortAndOverlongSentences_WhileOthersFit()
    {
        var overlong = "We " + string.Join(' ', Enumerable.Repeat("carefully", 70)) + " measure.";
        var texts = GlanceExtractor.Prepare($"Code is available. {overlong} We measure phonon lifetimes in thin graphene films.");

        Assert.Equal(["We measure phonon lifetimes in thin graphene films."], texts.Sentences);
    }

    private static float[] Unit(params float[] values)
    {
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return [.. values.Select(v => v / norm)];
    }
}
