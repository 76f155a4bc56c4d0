using Paperwire.Core.Papers;

namespace Paperwire.Ingest.Arxiv;

/// <summary>Puts the links <see cref="PaperLinksFinder"/> found into a paper without overwriting what a source gave it.</summary>
public static class CodeLinks
{
    /// <summary>
    /// Fills the paper's empty link fields from <paramref name="found"/>; a GitHub address that is no repository (an
    /// older finder took <c>github.com/orgs/…</c> for one) is replaced. Returns whether anything changed.
    /// </summary>
    public static bool Fill(Paper paper, FoundLinks found)
    {
        var changed = false;
        var githubOk = paper.GithubRepo is null ? false
            : !Uri.TryCreate(paper.GithubRepo, UriKind.Absolute, out var stored) || stored.Host is not ("github.com" or "www.github.com")
            || PaperLinksFinder.IsGithubRepo(paper.GithubRepo);
        if (!githubOk && paper.GithubRepo != found.GithubRepo)
        {
            paper.GithubRepo = found.GithubRepo;
            paper.GithubStars = null;
            changed = true;
        }

        if (paper.GitlabRepo is null && found.GitlabRepo is not null)
        {
            paper.GitlabRepo = found.GitlabRepo;
            changed = true;
        }

        if (paper.HuggingFaceLinks.Count == 0 && found.HuggingFace.Count > 0)
        {
            paper.HuggingFaceLinks = [.. found.HuggingFace];
            changed = true;
        }

        if (paper.ProjectPage is null && found.ProjectPage is not null)
        {
            paper.ProjectPage = found.ProjectPage;
            changed = true;
        }

        return changed;
    }

    /// <summary>The links in a stored paper's own text: abstract, comments, journal reference.</summary>
    public static FoundLinks FindIn(Paper paper) => PaperLinksFinder.Find(paper.Summary, paper.Comments, paper.JournalRef);
}
