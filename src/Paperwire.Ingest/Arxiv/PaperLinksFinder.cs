using System.Text.RegularExpressions;

namespace Paperwire.Ingest.Arxiv;

/// <summary>The code, model and project links a paper's own text mentions, in canonical form.</summary>
public sealed record FoundLinks(string? GithubRepo, string? GitlabRepo, IReadOnlyList<string> HuggingFace, string? ProjectPage)
{
    public static readonly FoundLinks None = new(null, null, [], null);
}

/// <summary>
/// Finds the code repository (GitHub, GitLab), Hugging Face models, datasets and spaces, and the project page that
/// authors mention in the abstract, comments or journal reference. Authors write links every way there is: with or
/// without a scheme, in <c>\url{…}</c>, broken over a line after a slash or hyphen, in capitals, pointing into the
/// repository (<c>/tree/main/src</c>) or ending in <c>.git</c> and a full stop; each is reduced to the repository or
/// page itself. Site pages of the code hosts (<c>github.com/features</c>, <c>/orgs/…</c>) are not repositories.
/// </summary>
public static partial class PaperLinksFinder
{
    /// <summary>Longest link kept (the columns' length).</summary>
    public const int MaxLength = 500;

    public const int MaxHuggingFaceLinks = 5;

    // Paths of github.com that are the site's own pages, never an owner.
    private static readonly HashSet<string> GithubSitePaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "account", "apps", "blog", "codespaces", "collections", "contact", "customer-stories", "dashboard", "discussions",
        "enterprise", "events", "explore", "features", "home", "issues", "join", "login", "logout", "marketplace", "new",
        "notifications", "orgs", "organizations", "pricing", "pulls", "readme", "resources", "search", "security", "settings",
        "signup", "site", "sitemap", "solutions", "sponsors", "team", "topics", "trending", "users",
    };

    private static readonly HashSet<string> GitlabSitePaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "assets", "dashboard", "explore", "groups", "help", "projects", "search", "snippets", "users", "-",
    };

    // Old-style GitLab paths into a repository (new ones go through "/-/").
    private static readonly HashSet<string> GitlabRepoPaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "blob", "tree", "raw", "issues", "merge_requests", "wikis", "commits", "releases", "tags",
    };

    private static readonly HashSet<string> HuggingFaceSitePaths = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "blog", "chat", "collections", "docs", "enterprise", "join", "learn", "login", "models", "new", "new-dataset",
        "new-space", "notifications", "organizations", "papers", "posts", "pricing", "privacy", "settings", "sitemap", "tasks",
        "terms-of-service", "welcome",
    };

    // Hosts whose addresses are the paper's own records, licences or people, never its project page.
    private static readonly HashSet<string> NotProjectHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "arxiv.org", "export.arxiv.org", "doi.org", "dx.doi.org", "creativecommons.org", "orcid.org",
        "github.com", "github.io", "gist.github.com", "raw.githubusercontent.com", "gitlab.com", "huggingface.co", "hf.co",
    };

    /// <summary>Every kind of link found in <paramref name="texts"/> (abstract first, then comments, then the rest): the first of each kind wins.</summary>
    public static FoundLinks Find(params string?[] texts)
    {
        string? github = null, gitlab = null, project = null;
        var huggingFace = new List<string>();
        foreach (var text in texts)
        {
            foreach (var candidate in Candidates(text))
            {
                if (!TryParse(candidate, out var uri))
                {
                    continue;
                }

                var host = uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host;
                var segments = Segments(uri);
                switch (host)
                {
                    case "github.com":
                    case "raw.githubusercontent.com":
                        github ??= GithubRepo(segments);
                        break;
                    case "gitlab.com":
                        gitlab ??= GitlabRepo(segments);
                        break;
                    case "huggingface.co" or "hf.co":
                        if (huggingFace.Count < MaxHuggingFaceLinks && HuggingFace(segments) is { } hf
                            && !huggingFace.Contains(hf, StringComparer.OrdinalIgnoreCase))
                        {
                            huggingFace.Add(hf);
                        }

                        break;
                    default:
                        if (project is null && IsProjectHost(host) && uri.AbsoluteUri.Length <= MaxLength)
                        {
                            project = uri.AbsoluteUri;
                        }

                        break;
                }
            }
        }

        return new FoundLinks(github, gitlab, huggingFace, project);
    }

    public static string? GithubRepo(string summary, string? comments) => Find(summary, comments).GithubRepo;

    /// <summary>The first web address that is not a code host, arXiv or a DOI resolver.</summary>
    public static string? ProjectPage(string summary, string? comments) => Find(summary, comments).ProjectPage;

    /// <summary>
    /// <c>owner/repo</c> of a GitHub repository address (<c>https://github.com/Owner/Repo</c>, or any address into it),
    /// lower-cased because GitHub's names are case-insensitive; null for anything else.
    /// </summary>
    public static string? GithubKey(string? repoUrl)
    {
        if (repoUrl is null || !TryParse(repoUrl, out var uri) || uri.Host is not ("github.com" or "www.github.com"))
        {
            return null;
        }

        return GithubRepo(Segments(uri)) is { } repo ? repo["https://github.com/".Length..].ToLowerInvariant() : null;
    }

    /// <summary>True when <paramref name="repoUrl"/> is a repository address as <see cref="Find"/> writes them.</summary>
    public static bool IsGithubRepo(string? repoUrl) => GithubKey(repoUrl) is not null;

    /// <summary>What kind of Hugging Face page a canonical link is: "model", "dataset" or "space".</summary>
    public static string HuggingFaceKind(string link) =>
        link.Contains("huggingface.co/datasets/", StringComparison.Ordinal) ? "dataset"
        : link.Contains("huggingface.co/spaces/", StringComparison.Ordinal) ? "space" : "model";

    /// <summary>The repository or model name of a canonical link: <c>owner/repo</c>, <c>group/sub/project</c>.</summary>
    public static string ShortName(string link)
    {
        var path = Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.AbsolutePath.Trim('/') : link;
        return path.StartsWith("datasets/", StringComparison.Ordinal) ? path[9..]
            : path.StartsWith("spaces/", StringComparison.Ordinal) ? path[7..] : path;
    }

    private static IEnumerable<string> Candidates(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        // TeX escapes inside \url{…} and \href{…}: github.com/a/my\_repo is github.com/a/my_repo.
        text = TexEscape().Replace(text, m => m.Groups["c"].Value).Replace("\\textasciitilde{}", "~", StringComparison.Ordinal);
        var match = Url().Match(text);
        while (match.Success)
        {
            var url = match.Value;
            var end = match.Index + match.Length;
            // A line broken after a slash or a hyphen: the address goes on after the break.
            for (var joins = 0; joins < 2 && end < text.Length && char.IsWhiteSpace(text[end]) && BrokenAt(url); joins++)
            {
                var next = end;
                while (next < text.Length && char.IsWhiteSpace(text[next]))
                {
                    next++;
                }

                var rest = Continuation().Match(text, next);
                if (!rest.Success || rest.Index != next || rest.Length == 0)
                {
                    break;
                }

                url += rest.Value;
                end = next + rest.Length;
            }

            // Longer than any link kept: not worth trimming (which is quadratic in the worst case).
            if (url.Length <= 2 * MaxLength)
            {
                yield return TrimEnd(url);
            }

            match = Url().Match(text, Math.Min(end, text.Length));
        }
    }

    /// <summary>
    /// An address that cannot end where it does: after a hyphen, or a code host's address cut after a slash before its
    /// repository name (<c>https://github.com/owner/</c>). A project page ending in a slash is complete as it is.
    /// </summary>
    private static bool BrokenAt(string url)
    {
        if (url.EndsWith('-'))
        {
            return true;
        }

        if (!url.EndsWith('/') || !TryParse(url, out var uri))
        {
            return false;
        }

        var host = uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host;
        var segments = Segments(uri);
        return host switch
        {
            "github.com" or "gitlab.com" => segments.Length < 2,
            "huggingface.co" or "hf.co" => segments.Length < (segments.Length > 0 && segments[0] is "datasets" or "spaces" ? 3 : 2),
            _ => false,
        };
    }

    private static string TrimEnd(string url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or '*' or '\\' or '`')
            {
                url = url[..^1];
            }
            else if (last is ')' or ']' or '>' && Count(url, Opening(last)) < Count(url, last))
            {
                url = url[..^1];
            }
            else
            {
                break;
            }
        }

        return url;

        static char Opening(char closing) => closing switch { ')' => '(', ']' => '[', _ => '<' };

        static int Count(string text, char c) => text.Count(x => x == c);
    }

    private static bool TryParse(string candidate, out Uri uri)
    {
        var absolute = candidate.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || candidate.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? candidate
            : "https://" + candidate;
        if (absolute.Length > 2 * MaxLength || !Uri.TryCreate(absolute, UriKind.Absolute, out uri!)
            || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || !uri.IsDefaultPort || uri.HostNameType != UriHostNameType.Dns)
        {
            uri = null!;
            return false;
        }

        return uri.Host.Contains('.', StringComparison.Ordinal);
    }

    private static string[] Segments(Uri uri) =>
        uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? GithubRepo(string[] segments)
    {
        if (segments.Length < 2 || GithubSitePaths.Contains(segments[0]) || !GithubOwner().IsMatch(segments[0]))
        {
            return null;
        }

        var repo = StripGit(segments[1]);
        return RepoName().IsMatch(repo) && repo is not ("." or "..") ? $"https://github.com/{segments[0]}/{repo}" : null;
    }

    private static string? GitlabRepo(string[] segments)
    {
        if (segments.Length < 2 || GitlabSitePaths.Contains(segments[0]))
        {
            return null;
        }

        var path = segments.TakeWhile(s => s != "-").ToList();
        var into = path.FindIndex(1, s => GitlabRepoPaths.Contains(s));
        if (into > 0)
        {
            path = path[..into];
        }

        if (path.Count is < 2 or > 20)
        {
            return null;
        }

        path[^1] = StripGit(path[^1]);
        return path.All(s => GitlabName().IsMatch(s) && s is not ("." or "..")) && path.Sum(s => s.Length + 1) < 300
            ? "https://gitlab.com/" + string.Join('/', path)
            : null;
    }

    private static string? HuggingFace(string[] segments)
    {
        var kind = segments.Length > 0 && segments[0] is "datasets" or "spaces" ? segments[0] + "/" : "";
        var names = segments.Skip(kind.Length > 0 ? 1 : 0).Take(2).ToArray();
        if (names.Length < 2 || (kind.Length == 0 && HuggingFaceSitePaths.Contains(names[0]))
            || !names.All(n => HuggingFaceName().IsMatch(n)))
        {
            return null;
        }

        return $"https://huggingface.co/{kind}{names[0]}/{names[1]}";
    }

    private static bool IsProjectHost(string host) =>
        !NotProjectHosts.Contains(host)
        && !host.EndsWith(".arxiv.org", StringComparison.Ordinal)
        && !host.EndsWith(".githubusercontent.com", StringComparison.Ordinal)
        && (host.EndsWith(".github.io", StringComparison.Ordinal) || !host.EndsWith(".github.com", StringComparison.Ordinal))
        && TopLevel().IsMatch(host);

    private static string StripGit(string name) => name.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;

    // An address with a scheme, or one of the code hosts (and github.io pages) written without one. The look-behind keeps
    // "foo.github.com" and e-mail addresses from being read from the middle.
    [GeneratedRegex(
        @"(?:https?://|(?<![\w@./:-])(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|hf\.co)/|(?<![\w@./:-])[a-z0-9](?:[a-z0-9-]{0,62})\.github\.io\b)[^\s<>""{}|\\^`]*",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // What follows a line break inside an address: characters of a path or host, up to the next space.
    [GeneratedRegex(@"[A-Za-z0-9][^\s<>""{}|\\^`]*", RegexOptions.CultureInvariant)]
    private static partial Regex Continuation();

    [GeneratedRegex(@"\\(?<c>[_%#&~$])", RegexOptions.CultureInvariant)]
    private static partial Regex TexEscape();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$", RegexOptions.CultureInvariant)]
    private static partial Regex GithubOwner();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex RepoName();

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex GitlabName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$", RegexOptions.CultureInvariant)]
    private static partial Regex HuggingFaceName();

    [GeneratedRegex(@"\.[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevel();
}
