using Paperwire.Community.Comments;

namespace Paperwire.Tests.Community.Comments;

/// <summary>Markdown to safe HTML: Markdig without raw HTML, then HtmlSanitizer; mentions of known users.</summary>
public class CommentRendererTests
{
    private static readonly CommentRenderer Renderer = new();
    private static readonly Dictionary<string, string> NoUsers = [];

    public static TheoryData<string> XssPayloads =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<javascript:alert(1)>",
        "[x](JaVaScRiPt:alert(1))",
        "![x](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "`<script>` and\n\n```\n<script>alert(1)</script>\n```",
    ];

    [Theory]
    [InlineData("> ", "&gt; &gt; &gt;")] // found by bench/fuzz.sh (comment): Markdig threw past its depth limit
    [InlineData("- ", "- - -")]
    [InlineData("[", "[[[")]
    public void Render_NestedPastMarkdigsDepthLimit_IsShownAsText(string marker, string shown)
    {
        var markdown = string.Concat(Enumerable.Repeat(marker, 300)) + "<b>x</b>\nnext line";

        var html = Renderer.Render(markdown, NoUsers);

        Assert.StartsWith("<p>", html, StringComparison.Ordinal);
        Assert.Contains(shown, html, StringComparison.Ordinal);
        Assert.EndsWith("&lt;b&gt;x&lt;/b&gt;<br>\nnext line</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Bold_IsStrong() =>
        Assert.Equal("<p><strong>bold</strong> and <em>italic</em></p>", Renderer.Render("**bold** and *italic*", NoUsers));

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public async Task Render_XssPayload_IsInert(string payload)
    {
        var html = Renderer.Render(payload, NoUsers);
        await Inert.AssertHtmlAsync(html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_RawHtml_IsShownAsText() =>
        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", Renderer.Render("<script>alert(1)</script>", NoUsers));

    [Fact]
    public void Render_JavascriptLink_KeepsOnlyItsText() =>
        Assert.Equal("<p>x</p>", Renderer.Render("[x](javascript:alert(1))", NoUsers));

    [Fact]
    public void Render_Links_AreNofollowUgcNoopener()
    {
        Assert.Equal(
            "<p><a href=\"https://example.org/a\" rel=\"nofollow ugc noopener\">site</a></p>",
            Renderer.Render("[site](https://example.org/a \"a title\")", NoUsers));
        Assert.Equal(
            "<p>see <a href=\"https://arxiv.org/abs/2504.05299\" rel=\"nofollow ugc noopener\">https://arxiv.org/abs/2504.05299</a></p>",
            Renderer.Render("see https://arxiv.org/abs/2504.05299", NoUsers));
    }

    [Fact]
    public void Render_AllowedBlocks_Survive()
    {
        var html = Renderer.Render("> quoted\n\n- one\n- two\n\n1. first\n\n```\ncode()\n```\n\nline\nbreak", NoUsers);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<ul>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<pre><code>code()\n</code></pre>", html);
        Assert.Contains("line<br>", html);
    }

    [Fact]
    public void Render_DisallowedBlocks_KeepTheirText()
    {
        var html = Renderer.Render("# Heading\n\n![a picture](https://example.org/p.png)", NoUsers);
        Assert.DoesNotContain("<h1", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("Heading", html);
    }

    [Fact]
    public void Render_Mention_LinksOnlyKnownUsers()
    {
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Alice"] = "Alice" };
        var html = Renderer.Render("thanks @alice. and @nobody, mail me at bob@alice.org", users);
        Assert.Equal(
            "<p>thanks <a href=\"/u/Alice\" rel=\"nofollow ugc noopener\">@Alice</a>. and @nobody, mail me at bob@alice.org</p>",
            html);
    }

    [Fact]
    public void Render_MentionInCode_StaysCode()
    {
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["alice"] = "alice" };
        Assert.Equal("<p><code>@alice</code></p>", Renderer.Render("`@alice`", users));
    }

    [Fact]
    public void MentionCandidates_AreNamesAfterAnAt_NotEmailAddresses() =>
        Assert.Equal(
            ["alice", "bob", "bob."],
            CommentRenderer.MentionCandidates("hi @alice and @bob. write to carol@example.org").Order(StringComparer.Ordinal));
}
