using Paperwire.Community.Submissions;

namespace Paperwire.Tests.Community.Submissions;

/// <summary>Reading what a submitter types: ids and addresses, the comment, the organization.</summary>
public class SubmissionInputTests
{
    [Theory]
    [InlineData("2504.05299", "2504.05299")]
    [InlineData("2504.05299v2", "2504.05299")]
    [InlineData("arXiv:2504.05299", "2504.05299")]
    [InlineData("https://arxiv.org/abs/2504.05299v2", "2504.05299")]
    [InlineData("https://arxiv.org/pdf/2504.05299", "2504.05299")]
    [InlineData("https://arxiv.org/pdf/2504.05299v3.pdf", "2504.05299")]
    [InlineData("http://export.arxiv.org/abs/2504.05299", "2504.05299")]
    [InlineData("arxiv.org/abs/2504.05299", "2504.05299")]
    [InlineData("  https://www.arxiv.org/abs/2504.05299?context=cs  ", "2504.05299")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    [InlineData("arXiv:hep-th/9901001v1", "hep-th/9901001")]
    [InlineData("https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001")]
    public void TryReadPaper_IdsAndArxivAddresses_NormalizeToTheCatalogId(string input, string id)
    {
        Assert.True(SubmissionInput.TryReadPaper(input, out var read, out var problem), problem);
        Assert.Equal(id, read);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2504.5")]
    [InlineData("../../etc")]
    [InlineData("2504.05299/../../etc")]
    [InlineData("https://evil.example/abs/2504.05299")]
    [InlineData("https://arxiv.org/abs/")]
    [InlineData("pw-0123456789ab")]
    [InlineData("javascript:alert(1)")]
    public void TryReadPaper_Nonsense_IsRefusedNamingTheInput(string input)
    {
        Assert.False(SubmissionInput.TryReadPaper(input, out _, out var problem));
        Assert.StartsWith($"“{input}” is not an arXiv id or arXiv address", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadPaper_HugeInput_IsRefusedWithAShortenedName()
    {
        Assert.False(SubmissionInput.TryReadPaper("2504.05299" + new string('9', 10_000), out _, out var problem));
        Assert.True(problem.Length < 250, problem);
    }

    [Fact]
    public void TryReadComment_BlankIsNoComment_LongIsRefused_LineBreaksCountOnce()
    {
        Assert.True(SubmissionInput.TryReadComment(" \n ", 10, out var blank, out _));
        Assert.Null(blank);
        Assert.False(SubmissionInput.TryReadComment(new string('x', 11), 10, out _, out var problem));
        Assert.Equal("The comment is 11 characters long; at most 10 are allowed.", problem);
        Assert.True(SubmissionInput.TryReadComment("a\r\nb\r\nc\r\nd\r\ne", 9, out var lines, out _));
        Assert.Equal("a\nb\nc\nd\ne", lines);
        Assert.False(SubmissionInput.TryReadComment("nul\0", 10, out _, out _));
    }

    [Theory]
    [InlineData("huggingface", true)]
    [InlineData(" ai2 ", true)]
    [InlineData("../admin", false)]
    [InlineData("a b", false)]
    public void TryReadOrganization_TakesHandlesOnly(string input, bool valid) =>
        Assert.Equal(valid, SubmissionInput.TryReadOrganization(input, out _, out _));

    [Fact]
    public void CommentHtml_EncodesEverythingInOneParagraph() =>
        Assert.Equal("<p>&lt;img src=x onerror=alert(1)&gt; &amp; more</p>", SubmissionInput.CommentHtml("<img src=x onerror=alert(1)> & more"));
}
