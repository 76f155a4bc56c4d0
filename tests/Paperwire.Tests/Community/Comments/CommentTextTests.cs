using Paperwire.Community.Comments;

namespace Paperwire.Tests.Community.Comments;

public class CommentTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Clean_Empty_IsRefused(string? text)
    {
        Assert.Null(CommentText.Clean(text, out var error));
        Assert.Contains("empty", error);
    }

    [Fact]
    public void Clean_TooLong_IsRefused()
    {
        Assert.NotNull(CommentText.Clean(new string('a', CommentText.MaxLength), out _));
        Assert.Null(CommentText.Clean(new string('a', CommentText.MaxLength + 1), out var error));
        Assert.Contains("10,000", error);
    }

    [Fact]
    public void Clean_NulAndLoneSurrogates_BecomeReplacementCharacters() =>
        Assert.Equal("a\uFFFDb\uFFFDc😀", CommentText.Clean("  a\0b\uD800c😀\r\n", out _));
}
