using System.Globalization;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Arxiv;

namespace Paperwire;

/// <summary>
/// One of a paper's code, model or project links as pages show it: the visible label ("Code", "Hugging Face",
/// "Project page"), what it points to for the accessible name ("on GitHub: owner/repo"), and the star count.
/// </summary>
public sealed record CodeLink(string Label, string Url, string Where, int? Stars);

public static class CodeLinkList
{
    public static IEnumerable<CodeLink> For(Paper paper)
    {
        if (paper.GithubRepo is { } github)
        {
            var where = PaperLinksFinder.GithubKey(github) is not null ? "on GitHub: " + PaperLinksFinder.ShortName(github) : "repository";
            yield return new CodeLink("Code", github, where, paper.GithubStars);
        }

        if (paper.GitlabRepo is { } gitlab)
        {
            yield return new CodeLink("Code", gitlab, "on GitLab: " + PaperLinksFinder.ShortName(gitlab), null);
        }

        foreach (var link in paper.HuggingFaceLinks)
        {
            yield return new CodeLink("Hugging Face", link, $"{PaperLinksFinder.HuggingFaceKind(link)}: {PaperLinksFinder.ShortName(link)}", null);
        }

        if (paper.ProjectPage is { } project)
        {
            yield return new CodeLink("Project page", project, "", null);
        }
    }

    /// <summary>A star count as GitHub shows it: 950, 1.2k, 15k.</summary>
    public static string Stars(int stars) =>
        stars < 1000 ? stars.ToString(CultureInfo.InvariantCulture)
        : stars < 10_000 ? (Math.Floor(stars / 100.0) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : (stars / 1000).ToString(CultureInfo.InvariantCulture) + "k";
}
