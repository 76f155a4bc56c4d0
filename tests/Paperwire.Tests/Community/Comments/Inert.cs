using AngleSharp.Dom;

namespace Paperwire.Tests.Community.Comments;

/// <summary>What "renders inert" means, checked on parsed HTML rather than by string search.</summary>
internal static class Inert
{
    private static readonly string[] ActiveElements = ["script", "iframe", "svg", "img", "object", "embed", "style", "form", "math", "base", "link", "meta"];

    public static void Assert(IElement root)
    {
        foreach (var tag in ActiveElements)
        {
            Xunit.Assert.Empty(root.QuerySelectorAll(tag));
        }

        foreach (var element in root.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Xunit.Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.LocalName} {attribute.Name}>");
                Xunit.Assert.False(attribute.Name is "style" or "srcdoc" or "formaction", $"<{element.LocalName} {attribute.Name}>");
                Xunit.Assert.DoesNotContain("javascript:", attribute.Value.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
                Xunit.Assert.DoesNotContain("data:", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    public static async Task AssertHtmlAsync(string html)
    {
        var document = await CommentsKit.ParseAsync("<div id=\"root\">" + html + "</div>");
        Assert(document.GetElementById("root")!);
    }
}
