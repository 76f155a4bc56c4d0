using System.Text.RegularExpressions;

namespace Paperwire.Tests.Docs;

/// <summary>A newcomer reads the README and docs/ in a clone: every link to a file must land on one in the repository.</summary>
public partial class DocumentationLinksTests
{
    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_resolves_inside_the_repository()
    {
        var root = RepositoryRoot();
        var documents = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Prepend(Path.Combine(root, "README.md"));
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in documents)
        {
            var folder = Path.GetDirectoryName(document)!;
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(document)))
            {
                var target = link.Groups["target"].Value;
                if (target.StartsWith('#') || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                checkedLinks++;
                var path = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(target.Split('#')[0])));
                if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !(File.Exists(path) || Directory.Exists(path)))
                {
                    broken.Add($"{Path.GetRelativePath(root, document)}: {target}");
                }
            }
        }

        Assert.True(checkedLinks > 10, $"only {checkedLinks} relative links found: is the pattern still right?");
        Assert.Empty(broken);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paperwire.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Paperwire.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
