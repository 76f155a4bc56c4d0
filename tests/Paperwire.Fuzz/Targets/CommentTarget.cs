using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Paperwire.Community.Comments;

namespace Paperwire.Fuzz.Targets;

/// <summary>
/// A comment as the web form and API take it: cleaned, mentions looked up, Markdown rendered and sanitized.
/// Beyond "no crash", the rendered HTML must hold to the sanitizer's promise: only its short list of tags, only
/// href and rel attributes, only http(s)/mailto (or site-relative) links.
/// </summary>
internal static class CommentTarget
{
    private static readonly HashSet<string> AllowedTags = ["p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "br"];
    private static readonly HashSet<string> AllowedSchemes = ["http", "https", "mailto"];
    private static readonly Dictionary<string, string> Users = new(StringComparer.OrdinalIgnoreCase) { ["alice"] = "alice", ["bob.smith"] = "bob.smith" };
    private static readonly CommentRenderer Renderer = new();

    public static FuzzTarget Create() => new("comment", "comment Markdown (Markdig + HtmlSanitizer)", Parse);

    private static void Parse(byte[] input)
    {
        if (CommentText.Clean(FuzzInput.Text(input), out _) is not { } text)
        {
            return;
        }

        var mentioned = CommentRenderer.MentionCandidates(text);
        var users = Users.Where(u => mentioned.Contains(u.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase);
        CheckSafe(Renderer.Render(text, users));
    }

    private static void CheckSafe(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (!AllowedTags.Contains(element.LocalName))
            {
                throw new PropertyViolationException($"rendered comment has a <{element.LocalName}> element");
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.LocalName is not ("href" or "rel"))
                {
                    throw new PropertyViolationException($"rendered comment has a {attribute.LocalName}= attribute");
                }

                if (attribute.LocalName == "href" && Uri.TryCreate(attribute.Value.Trim(), UriKind.Absolute, out var url)
                    && !AllowedSchemes.Contains(url.Scheme) && !attribute.Value.TrimStart().StartsWith('/'))
                {
                    throw new PropertyViolationException($"rendered comment links to a {url.Scheme}: URL");
                }
            }
        }
    }
}
