using System.Text.RegularExpressions;

namespace Paperwire.Ingest.Arxiv;

/// <summary>Finds the code repository and project page authors mention in the abstract or comments.</summary>
public static partial class PaperLinksFinder
{
    public static string? GithubRepo(string summary, string? comments)
    {
        var match = Github().Match(summary);
        if (!match.Success && comments is not null)
        {
            match = Github().Match(comments);
        }

        return match.Success ? $"https://github.com/{match.Groups["owner"].Value}/{TrimName(match.Groups["repo"].Value)}" : null;
    }

    /// <summary>The first web address that is not a code host, arXiv or a DOI resolver.</summary>
    public static string? ProjectPage(string summary, string? comments) =>
        Urls(summary).Concat(Urls(comments)).FirstOrDefault(IsProjectPage);

    private static IEnumerable<string> Urls(string? text) =>
        text is null ? [] : Url().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', ')', ']', '}'));

    private static bool IsProjectPage(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Host is not ("github.com" or "www.github.com" or "arxiv.org" or "www.arxiv.org" or "doi.org" or "dx.doi.org" or "gitlab.com" or "huggingface.co");

    private static string TrimName(string repo) => repo.EndsWith(".git", StringComparison.Ordinal) ? repo[..^4] : repo.TrimEnd('.');

    [GeneratedRegex(@"https?://(?:www\.)?github\.com/(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<repo>[A-Za-z0-9._-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Github();

    [GeneratedRegex(@"https?://[^\s<>""{}|\\^`]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
