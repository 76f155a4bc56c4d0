using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace Paperwire.Community.Comments;

/// <summary>
/// Markdown to safe HTML, once, when a comment is written. Two walls: Markdig with raw HTML switched off (it is
/// shown as text), then HtmlSanitizer with a short list of tags and only http(s)/mailto links, each marked
/// <c>rel="nofollow ugc noopener"</c>. Anything else (images, headings, javascript: URLs) is dropped, its text kept.
/// </summary>
public sealed partial class CommentRenderer
{
    public const string LinkRel = "nofollow ugc noopener";

    /// <summary>At most this many distinct <c>@names</c> are looked up per comment.</summary>
    public const int MaxMentions = 20;

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private readonly HtmlSanitizer sanitizer = BuildSanitizer();

    /// <summary>Renders <paramref name="markdown"/>; <paramref name="users"/> are the mentionable users (any case → stored name).</summary>
    public string Render(string markdown, IReadOnlyDictionary<string, string> users)
    {
        string html;
        try
        {
            html = Markdown.ToHtml(markdown, Pipeline, MentionParser.Context(users));
        }
        catch (ArgumentException)
        {
            // Markdig refuses Markdown nested past its depth limit ("> " 300 times; found by fuzzing). The words are
            // still the commenter's: show them as text instead of failing the request with a 500.
            html = PlainText(markdown);
        }

        return sanitizer.Sanitize(html).Trim();
    }

    private static string PlainText(string text) =>
        "<p>" + WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>";

    /// <summary>The names after an <c>@</c> that could be mentions (with and without trailing punctuation).</summary>
    public static IReadOnlySet<string> MentionCandidates(string markdown)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Mention().Matches(markdown))
        {
            var name = match.Groups[1].Value;
            names.Add(name);
            names.Add(name.TrimEnd('.', '-', '_'));
            if (names.Count >= MaxMentions)
            {
                break;
            }
        }

        names.Remove("");
        return names;
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseAutoLinks()
            .UseSoftlineBreakAsHardlineBreak();
        builder.InlineParsers.Add(new MentionParser());
        return builder.Build();
    }

    private static HtmlSanitizer BuildSanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        foreach (var tag in (string[])["p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "br"])
        {
            options.AllowedTags.Add(tag);
        }

        options.AllowedAttributes.Add("href");
        options.UriAttributes.Add("href");
        foreach (var scheme in (string[])["http", "https", "mailto"])
        {
            options.AllowedSchemes.Add(scheme);
        }

        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement { LocalName: "a" } link)
            {
                return;
            }

            if (link.HasAttribute("href"))
            {
                link.SetAttribute("rel", LinkRel);
            }
            else
            {
                // A link whose URL was dropped (javascript:, data:) is just its text.
                foreach (var child in link.ChildNodes.ToList())
                {
                    e.ReplacementNodes.Add(child);
                }
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9._-])@([A-Za-z0-9][A-Za-z0-9._-]{0,99})", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
