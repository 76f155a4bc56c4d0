using System.Diagnostics;
using System.Text.RegularExpressions;
using Paperwire.Citations;

namespace Paperwire.Tests.Citations;

/// <summary>
/// The BibTeX export of every shipped paper goes through Debian's real tools: bibtex (with the plain style, as a
/// LaTeX run's .aux asks it) and biber (which reads the file as biblatex does). test.sh installs both; without them
/// these tests fail in CI and skip loudly elsewhere.
/// </summary>
public sealed partial class LatexToolsTests : IDisposable
{
    private static readonly Uri Site = new("https://papers.example.org/");

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("paperwire-bib-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Bibtex_reads_every_shipped_paper_without_an_error()
    {
        RequiredComponent.Require(OnPath("bibtex") && File.Exists("/usr/share/texlive/texmf-dist/bibtex/bst/base/plain.bst"), "bibtex with plain.bst", "apt-get install texlive-binaries texlive-base (test.sh does)");
        var papers = ShippedPapers.All;
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "export.bib"), CitationFormat.Bibtex.Write(papers, Site), Cancel);
        // What \cite{*}, \bibliographystyle{plain} and \bibliography{export} leave in the .aux for bibtex.
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "paper.aux"), "\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{export}\n", Cancel);

        var (exit, output) = await RunAsync("bibtex", "-terse paper");

        Assert.True(exit <= 1, $"bibtex exited {exit}:\n{output}");
        Assert.DoesNotContain("error message", output, StringComparison.Ordinal);
        Assert.DoesNotContain("I was expecting", output, StringComparison.Ordinal);
        var bbl = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "paper.bbl"), Cancel);
        Assert.Equal(papers.Count, BibItem().Count(bbl));
    }

    [Fact]
    public async Task Biber_reads_every_shipped_paper_without_an_error()
    {
        RequiredComponent.Require(OnPath("biber"), "biber", "apt-get install biber (test.sh does)");
        var papers = ShippedPapers.All;
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "export.bib"), CitationFormat.Bibtex.Write(papers, Site), Cancel);

        // Tool mode: biber parses the file with biblatex's data model and writes it back out, no LaTeX run needed.
        var (exit, output) = await RunAsync("biber", "--tool --nolog --output-file=checked.bib export.bib");

        Assert.True(exit == 0, $"biber exited {exit}:\n{output}");
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        var checkedBib = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "checked.bib"), Cancel);
        Assert.Equal(papers.Count, Regex.Count(checkedBib, @"^@misc\{", RegexOptions.Multiline | RegexOptions.IgnoreCase));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(int Exit, string Output)> RunAsync(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            WorkingDirectory = folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Cancel);
        var stderr = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    [GeneratedRegex(@"^\\bibitem", RegexOptions.Multiline)]
    private static partial Regex BibItem();
}
