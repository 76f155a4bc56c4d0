using Paperwire.Core.Papers;

namespace Paperwire.Tests.Core;

public class PaperIdTests
{
    [Theory]
    [InlineData("2504.05299", "2504.05299")]
    [InlineData("2504.05299v2", "2504.05299")]
    [InlineData("arXiv:2504.05299v1", "2504.05299")]
    [InlineData("0704.0001", "0704.0001")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    [InlineData("hep-th/9901001v3", "hep-th/9901001")]
    [InlineData("math.GT/0309136", "math.GT/0309136")]
    [InlineData("pw-0123456789ab", "pw-0123456789ab")]
    public void TryNormalize_KnownIdShapes_DropTheVersion(string input, string expected)
    {
        Assert.True(PaperId.TryNormalize(input, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("2504.05299/../x")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("2504")]
    [InlineData("pw-XYZ")]
    [InlineData("<script>")]
    public void TryNormalize_NotAnId_IsRejected(string input) => Assert.False(PaperId.TryNormalize(input, out _));

    [Fact]
    public void TryNormalize_TwoKilobytes_IsRejected() => Assert.False(PaperId.TryNormalize(new string('1', 2048), out _));

    [Fact]
    public void LocalFromTitle_SameTitleDifferentSpacing_GivesSameId() =>
        Assert.Equal(PaperId.LocalFromTitle("A  Study\nof Things"), PaperId.LocalFromTitle("a study of things"));
}
