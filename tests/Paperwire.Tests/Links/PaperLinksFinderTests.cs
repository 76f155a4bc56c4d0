using System.Text.RegularExpressions;
using CsCheck;
using Paperwire.Ingest.Arxiv;

namespace Paperwire.Tests.Links;

/// <summary>Code, model and project links as authors write them in abstracts and comments.</summary>
public partial class PaperLinksFinderTests
{
    [Theory]
    [InlineData("Code is available at https://github.com/IST-DASLab/Quartet.", "https://github.com/IST-DASLab/Quartet")]
    [InlineData("Code: github.com/wangqinsi1/2025-ICML-CoreMatching/tree/main.", "https://github.com/wangqinsi1/2025-ICML-CoreMatching")]
    [InlineData("See \\url{https://github.com/DLYuanGod/TinyGPT-V}.", "https://github.com/DLYuanGod/TinyGPT-V")]
    [InlineData("(code at https://github.com/liangyn22/MCUFormer)", "https://github.com/liangyn22/MCUFormer")]
    [InlineData("Available: HTTPS://WWW.GITHUB.COM/Wan-Video/Wan2.1.git;", "https://github.com/Wan-Video/Wan2.1")]
    [InlineData("https://github.com/owner/repo/blob/main/README.md#usage, and more", "https://github.com/owner/repo")]
    [InlineData("at https://github.com/owner/\nrepo-name in the", "https://github.com/owner/repo-name")]
    [InlineData("at https://github.com/\nowner/repo", "https://github.com/owner/repo")]
    [InlineData("at https://github.com/owner/repo- \nname", "https://github.com/owner/repo-name")]
    [InlineData("\\href{https://github.com/a-b/my\\_repo}{code}", "https://github.com/a-b/my_repo")]
    [InlineData("See https://github.com/features/copilot and https://github.com/orgs/acme/repositories, then https://github.com/acme/tool", "https://github.com/acme/tool")]
    [InlineData("https://github.com/topics/llm https://github.com/openai", null)]
    [InlineData("Project: https://acme.github.io/tool/", null)]
    [InlineData("mail me at someone@github.com/x/y", null)]
    [InlineData("Data from https://raw.githubusercontent.com/owner/data-repo/main/x.csv", "https://github.com/owner/data-repo")]
    [InlineData("<https://github.com/owner/repo>", "https://github.com/owner/repo")]
    [InlineData("[https://github.com/owner/repo]", "https://github.com/owner/repo")]
    [InlineData("\"https://github.com/owner/repo\"", "https://github.com/owner/repo")]
    [InlineData("https://github.com/-bad/repo https://github.com/owner/..", null)]
    public void Find_GithubRepo(string text, string? expected) =>
        Assert.Equal(expected, PaperLinksFinder.Find(text).GithubRepo);

    [Theory]
    [InlineData("Project page: https://acme.github.io/tool/.", "https://acme.github.io/tool/")]
    [InlineData("Demo at acme-lab.github.io/AgilePruner.", "https://acme-lab.github.io/AgilePruner")]
    [InlineData("see https://arxiv.org/abs/2501.00001 and https://doi.org/10.1/x and https://creativecommons.org/licenses/by/4.0/, page https://example.org/p (demo)", "https://example.org/p")]
    [InlineData("code https://github.com/a/b, models https://huggingface.co/a/b, https://gitlab.com/a/b", null)]
    [InlineData("Webpage: https://Example.ORG/Project", "https://example.org/Project")]
    [InlineData("http://localhost:8000/ and https://127.0.0.1/x", null)]
    [InlineData("https://example.org/wiki/Foo_(bar)).", "https://example.org/wiki/Foo_(bar)")]
    public void Find_ProjectPage(string text, string? expected) =>
        Assert.Equal(expected, PaperLinksFinder.Find(text).ProjectPage);

    [Theory]
    [InlineData("https://gitlab.com/group/sub/project/-/tree/main/src", "https://gitlab.com/group/sub/project")]
    [InlineData("gitlab.com/inria/tool.git.", "https://gitlab.com/inria/tool")]
    [InlineData("https://gitlab.com/owner/repo/blob/master/x.py", "https://gitlab.com/owner/repo")]
    [InlineData("https://gitlab.com/explore/projects https://gitlab.com/users/sign_in https://gitlab.com/solo", null)]
    public void Find_GitlabRepo(string text, string? expected) =>
        Assert.Equal(expected, PaperLinksFinder.Find(text).GitlabRepo);

    [Fact]
    public void Find_HuggingFace_ModelsDatasetsAndSpacesInOrder_SitePagesSkipped()
    {
        const string text = """
            Weights: https://huggingface.co/meta-llama/Llama-2-7b/tree/main, data at
            \url{https://huggingface.co/datasets/openbmb/UltraFeedback}, demo https://huggingface.co/spaces/acme/demo.
            See https://huggingface.co/papers/2504.05299 and https://huggingface.co/docs/transformers/index,
            mirror https://hf.co/meta-llama/Llama-2-7b again, https://hf.fitue.cc/Tyrannosaurus/TinyGPT-V.
            """;

        Assert.Equal(
            ["https://huggingface.co/meta-llama/Llama-2-7b", "https://huggingface.co/datasets/openbmb/UltraFeedback", "https://huggingface.co/spaces/acme/demo"],
            PaperLinksFinder.Find(text).HuggingFace);
    }

    [Fact]
    public void Find_AbstractBeforeComments_FirstOfEachKindWins()
    {
        var links = PaperLinksFinder.Find(
            "Code: https://github.com/first/one. Page: https://first.example.org",
            "Accepted at ICML. https://github.com/second/two https://gitlab.com/g/p https://second.example.org",
            "J. Foo 12 (2025) https://huggingface.co/a/b");

        Assert.Equal(("https://github.com/first/one", "https://gitlab.com/g/p", "https://first.example.org/"), (links.GithubRepo, links.GitlabRepo, links.ProjectPage));
        Assert.Equal(["https://huggingface.co/a/b"], links.HuggingFace);
    }

    [Theory]
    [InlineData("https://github.com/Owner/Repo", "owner/repo")]
    [InlineData("https://github.com/Owner/Repo/tree/main", "owner/repo")]
    [InlineData("https://github.com/orgs/acme", null)]
    [InlineData("https://gitlab.com/owner/repo", null)]
    [InlineData("not a url", null)]
    public void GithubKey_IsTheLowerCasedRepository(string url, string? expected) =>
        Assert.Equal(expected, PaperLinksFinder.GithubKey(url));

    /// <summary>Any repository name, written any of the ways authors write it, in any text around it, is found as itself.</summary>
    [Fact]
    public void Find_AnyGithubRepoInAnyDress_IsFoundCanonically()
    {
        var alnum = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];
        var owner = Gen.Select(alnum, Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[0, 20], (first, rest) => first + new string(rest));
        var repo = Gen.Select(alnum, Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"].Array[0, 30], alnum, (first, middle, last) => first + new string(middle) + last)
            .Where(r => !r.EndsWith(".git", StringComparison.OrdinalIgnoreCase));
        var prefix = Gen.OneOf("https://github.com/", "http://github.com/", "https://www.github.com/", "HTTPS://GITHUB.COM/", "github.com/", "www.github.com/", "https://github.com/\n");
        var suffix = Gen.OneOf("", "/", ".git", "/tree/main/src", "/blob/main/README.md#setup", "/issues", "?tab=readme", ".git/");
        var wrap = Gen.OneOf("{0}", "{0}.", "{0},", "({0})", "\\url{{{0}}}", "<{0}>", "{0};", "\"{0}\"", "[{0}].");
        var words = Gen.OneOf("Code", "is", "available", "at", "the", "Our", "model", "(see", "appendix)", "and", "\n", "2025.", "").Array[0, 6]
            .Select(w => string.Join(' ', w));

        Gen.Select(owner, repo, prefix, suffix, wrap, words, words).Sample((o, r, p, s, w, before, after) =>
        {
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, w, p + o + "/" + r + s);
            var text = $"{before} {url} {after}";
            Assert.Equal($"https://github.com/{o}/{r}", PaperLinksFinder.Find(text).GithubRepo);
        }, iter: 2000);
    }

    /// <summary>Whatever the text, every link found is an http(s) address of its kind, short enough for its column.</summary>
    [Fact]
    public void Find_AnyText_OnlyWellFormedLinks()
    {
        var pieces = Gen.OneOf("https://", "http://", "github.com/", "gitlab.com/", "huggingface.co/", "hf.co/", "datasets/", "spaces/", ".github.io",
            "/", "-", ".", ".git", "tree", "\\url{", "}", "(", ")", " ", "\n", "a", "B", "9", "_", "\\_", "%", "..", "www.", "@", ":", "é", "\u200b", "\"", "<", ">");
        Gen.OneOf(pieces, Gen.String[0, 3]).Array[0, 60].Select(p => string.Concat(p)).Sample(text =>
        {
            var links = PaperLinksFinder.Find(text, text);
            Assert.True(links.GithubRepo is null || GithubRepo().IsMatch(links.GithubRepo), links.GithubRepo);
            Assert.True(links.GitlabRepo is null || links.GitlabRepo.StartsWith("https://gitlab.com/", StringComparison.Ordinal), links.GitlabRepo);
            Assert.All(links.HuggingFace, link => Assert.Matches(HuggingFaceLink(), link));
            Assert.True(links.ProjectPage is null || (links.ProjectPage.Length <= PaperLinksFinder.MaxLength
                && Uri.TryCreate(links.ProjectPage, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"), links.ProjectPage);
        }, iter: 3000);
    }

    [GeneratedRegex(@"^https://github\.com/[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")]
    private static partial Regex GithubRepo();

    [GeneratedRegex(@"^https://huggingface\.co/(datasets/|spaces/)?[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex HuggingFaceLink();
}
