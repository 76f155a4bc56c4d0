namespace Paperwire.Tests.Cli;

/// <summary><c>paperwire eval recommend</c> as an operator runs it: no database, no data folder, a table per kind of reader.</summary>
public sealed class EvalRecommendCommandTests
{
    [Fact]
    public async Task EvalRecommend_FewReaders_PrintsEveryMethodForEveryKindOfReader()
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync("eval", "recommend", "--readers", "2", "--known", "3");

        Assert.Equal(0, exitCode);
        Assert.Contains("2 readers of each kind, 3 known positives each, seed 42", output);
        foreach (var heading in new[] { "SingleCategory (2)", "CrossCategoryTopic (2)", "TwoInterests (2)", "NotInterestedTopic (2)", "all readers (8)" })
        {
            Assert.Contains(heading, output);
        }

        foreach (var method in new[] { "most-upvoted", "newest-in-followed", "centroid-neighbours", "closeness (cold start)", "logistic regression", "linear SVM" })
        {
            Assert.Equal(5, output.Split('\n').Count(line => line.TrimStart().StartsWith(method, StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData("--readers", "0")]
    [InlineData("--corpus", "/no/such/file.jsonl")]
    public async Task EvalRecommend_BadArguments_ExitsWithUsageErrorAndNoStackTrace(string option, string value)
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync("eval", "recommend", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: ", output);
        Assert.DoesNotContain("   at ", output);
    }
}
