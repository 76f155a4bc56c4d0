using Paperwire.Community.Collections;

namespace Paperwire.Tests.Community.Collections;

public class CollectionRulesTests
{
    [Theory]
    [InlineData("Reading list", "reading-list")]
    [InlineData("  Déjà vu: papers!! ", "deja-vu-papers")]
    [InlineData("<script>alert(1)</script>", "script-alert-1-script")]
    [InlineData("日本語", "collection")]
    [InlineData("---", "collection")]
    public void Slugify_Name_IsAsciiWordsJoinedByDashes(string name, string slug) => Assert.Equal(slug, CollectionRules.Slugify(name));

    [Fact]
    public void Slugify_LongName_FitsTheColumnWithRoomForASuffix() =>
        Assert.True(CollectionRules.Slugify(new string('a', 500)).Length <= 60);

    [Fact]
    public void Unique_TakenSlug_GetsTheNextNumber() =>
        Assert.Equal("list-3", CollectionRules.Unique("list", new HashSet<string> { "list", "list-2", "list-4" }));
}
