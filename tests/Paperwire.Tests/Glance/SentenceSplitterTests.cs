using Paperwire.Search.Glance;

namespace Paperwire.Tests.Glance;

/// <summary>Abstracts cut into the sentences a reader sees, whatever the abbreviations, numbers and TeX.</summary>
public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("We use transformers. Results improve!", new[] { "We use transformers.", "Results improve!" })]
    [InlineData("Models, e.g. Transformers, help. They scale.", new[] { "Models, e.g. Transformers, help.", "They scale." })]
    [InlineData("Models (i.e. BERT) help. They scale.", new[] { "Models (i.e. BERT) help.", "They scale." })]
    [InlineData("As Smith et al. (2020) showed, it works. We extend it.", new[] { "As Smith et al. (2020) showed, it works.", "We extend it." })]
    [InlineData("See Fig. 2 for details. It works.", new[] { "See Fig. 2 for details.", "It works." })]
    [InlineData("Accuracy rises from 3.5 to 4.25 points. This holds.", new[] { "Accuracy rises from 3.5 to 4.25 points.", "This holds." })]
    [InlineData("Method A vs. B is compared. Done here.", new[] { "Method A vs. B is compared.", "Done here." })]
    [InlineData("Let $x = 1. Y$ hold. Then $a.B$ follows.", new[] { "Let $x = 1. Y$ hold.", "Then $a.B$ follows." })]
    [InlineData("We bound $$\\sum_i x_i. N$$ tightly. Next.", new[] { "We bound $$\\sum_i x_i. N$$ tightly.", "Next." })]
    [InlineData("Does it hold? Yes. It \"works.\" Then more.", new[] { "Does it hold?", "Yes.", "It \"works.\"", "Then more." })]
    [InlineData("Work by J. Smith in the U.S. Army lab. It scales.", new[] { "Work by J. Smith in the U.S. Army lab.", "It scales." })]
    [InlineData("Code is at github.com/a/b. It runs.", new[] { "Code is at github.com/a/b.", "It runs." })]
    [InlineData("As Fuglede (Ann. Acad. Sci. Fenn. 2018) found, it holds. Next.", new[] { "As Fuglede (Ann. Acad. Sci. Fenn. 2018) found, it holds.", "Next." })]
    [InlineData("It works (we checked twice.) Then more.", new[] { "It works (we checked twice.)", "Then more." })]
    [InlineData("no sentence end", new[] { "no sentence end" })]
    public void Split_CutsAtSentenceEndsOnly(string text, string[] expected) =>
        Assert.Equal(expected, SentenceSplitter.Split(text));

    [Fact]
    public void Split_AnEmptyAbstract_HasNoSentences() => Assert.Empty(SentenceSplitter.Split("   "));
}
