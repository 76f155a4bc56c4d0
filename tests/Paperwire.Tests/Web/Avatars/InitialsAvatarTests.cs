using System.Globalization;
using System.Xml.Linq;
using Paperwire.Avatars;

namespace Paperwire.Tests.Web.Avatars;

/// <summary>Generated avatars: initials on a colour that belongs to the name, readable, and never a place for markup.</summary>
public class InitialsAvatarTests
{
    [Theory]
    [InlineData("Ada Lovelace", "AL")]
    [InlineData("ada  lovelace", "AL")]
    [InlineData("Edsger W. Dijkstra", "ED")]
    [InlineData("Jean-Paul Sartre", "JS")]
    [InlineData("Łukasz Kaiser", "ŁK")]
    [InlineData("王小明", "王")]
    [InlineData("huggingface", "H")]
    [InlineData("", "?")]
    [InlineData("   ", "?")]
    [InlineData("<>&\"'", "?")]
    public void Initials_Name_FirstLettersOfFirstAndLastWord(string name, string expected) =>
        Assert.Equal(expected, InitialsAvatar.Initials(name));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("]]><script>alert(1)</script>")]
    [InlineData("&amp; &lt;b&gt; Ünïcödé")]
    [InlineData("a\u0000b\u202Ec")]
    public void Svg_HostileName_IsWellFormedSvgWithOnlyARectAndText(string name)
    {
        var svg = InitialsAvatar.Svg(name);

        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", svg, StringComparison.OrdinalIgnoreCase);
        var document = XDocument.Parse(svg);
        Assert.Equal(["svg", "rect", "text"], document.Descendants().Select(e => e.Name.LocalName));
        Assert.Equal(InitialsAvatar.Initials(name), document.Descendants().Last().Value);
        Assert.DoesNotContain(document.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Background_SameNameAnyCaseOrSpacing_IsTheSameColour()
    {
        Assert.Equal(InitialsAvatar.Background("Ada Lovelace"), InitialsAvatar.Background(" ada   LOVELACE "));
        Assert.Equal(InitialsAvatar.Svg("Ada Lovelace"), InitialsAvatar.Svg("Ada Lovelace"));
        Assert.Equal(InitialsAvatar.ETag("Ada Lovelace"), InitialsAvatar.ETag("ada lovelace"));
    }

    [Fact]
    public void Background_ManyNames_SpreadOverThePalette()
    {
        var colours = Enumerable.Range(0, 200).Select(i => InitialsAvatar.Background($"Author {i}")).Distinct().Count();
        Assert.True(colours >= InitialsAvatar.Palette.Count - 2, $"only {colours} colours for 200 names");
    }

    [Fact]
    public void Palette_EveryColour_GivesTheWhiteInitialsAContrastOfAtLeast4Point5()
    {
        foreach (var colour in InitialsAvatar.Palette)
        {
            var ratio = Contrast(colour, InitialsAvatar.TextColour);
            Assert.True(ratio >= 4.5, $"{colour}: {ratio:F2}:1");
        }
    }

    /// <summary>WCAG 2 contrast ratio of two #RRGGBB colours.</summary>
    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var value = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }
}
