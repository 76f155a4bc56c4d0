using Paperwire.Search.Keyword;

namespace Paperwire.Tests.Search;

public sealed class UserQueryTests
{
    [Fact]
    public void Balanced_quotes_make_a_phrase_and_the_rest_is_free_text()
    {
        var query = UserQuery.Parse("diffusion \"video translation\" latency");

        Assert.Equal(["video translation"], query.Phrases);
        Assert.Equal(["diffusion", "latency"], query.FreeText.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("\"unbalanced quote", "unbalanced quote")]
    [InlineData("\"single\" word", "single   word")]
    [InlineData("title:foo AND (bar OR", "title foo AND (bar OR")]
    public void Anything_that_is_not_a_valid_phrase_is_plain_text(string raw, string freeText)
    {
        var query = UserQuery.Parse(raw);

        Assert.Empty(query.Phrases);
        Assert.Equal(freeText.Split(' ', StringSplitOptions.RemoveEmptyEntries), query.FreeText.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Control_characters_and_nul_bytes_become_spaces()
    {
        var query = UserQuery.Parse("graph\0neural\tnetworks\u0007 ");

        Assert.Equal("graph neural networks", query.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    public void Empty_input_is_an_empty_query(string raw) => Assert.True(UserQuery.Parse(raw).IsEmpty);
}
