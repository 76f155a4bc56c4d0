using System.Text.Json;

namespace Paperwire.Tests.Cli;

/// <summary><c>paperwire import snapshot</c> as an operator runs it: summary, rejects file, dry run, exit codes.</summary>
public class ImportCliTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "DemoCorpus", "arxiv-sample.jsonl");

    [Fact]
    public async Task ImportSnapshot_PrintsPlainProgressAndASummary_AndWritesRejects()
    {
        var data = Directory.CreateTempSubdirectory("paperwire-import-").FullName;
        var input = Path.Combine(data, "input.jsonl");
        var rejects = Path.Combine(data, "rejects.jsonl");
        await File.WriteAllLinesAsync(input, [.. (await File.ReadAllLinesAsync(Sample, TestContext.Current.CancellationToken)).Take(50), "{ broken", """{"id":"2101.00001","title":"  ","abstract":"x","categories":"cs.LG"}"""], TestContext.Current.CancellationToken);

        var (exitCode, output) = await PaperwireProcess.RunAsync("import", "snapshot", input, "--data", data, "--rejects", rejects);

        Assert.Equal(0, exitCode);
        Assert.Contains("inserted           50", output);
        Assert.Contains("rejected            2", output);
        Assert.Contains("× title is empty", output);
        var lines = await File.ReadAllLinesAsync(rejects, TestContext.Current.CancellationToken);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("line 51", first.RootElement.GetProperty("where").GetString());
        Assert.StartsWith("malformed JSON", first.RootElement.GetProperty("reason").GetString());
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task DryRun_ValidatesEverything_AndStoresNothing()
    {
        var data = Directory.CreateTempSubdirectory("paperwire-import-").FullName;

        var (exitCode, output) = await PaperwireProcess.RunAsync("import", "snapshot", Sample, "--data", data, "--dry-run");
        var (_, again) = await PaperwireProcess.RunAsync("import", "snapshot", Sample, "--data", data, "--categories", "cs.CL");

        Assert.Equal(0, exitCode);
        Assert.Contains("valid           4,269", output);
        Assert.Contains("inserted            0", output);
        Assert.DoesNotContain("inserted            0", again); // the dry run left the catalog empty, so this one inserts
        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [InlineData(1, "does not look like an arXiv JSON-lines snapshot", "import", "snapshot", "{self}")]
    [InlineData(1, "no such file", "import", "snapshot", "/nonexistent/snapshot.jsonl")]
    [InlineData(2, "is not a date", "import", "snapshot", "{sample}", "--since", "last week")]
    [InlineData(1, "matches no arXiv category", "import", "snapshot", "{sample}", "--categories", "bogus.*")]
    public async Task UnusableInput_ExitsNonZero_WithOneClearLine(int expectedExit, string message, params string[] args)
    {
        var data = Directory.CreateTempSubdirectory("paperwire-import-").FullName;
        var resolved = args.Select(a => a.Replace("{self}", Path.Combine(AppContext.BaseDirectory, "paperwire.dll"), StringComparison.Ordinal)
            .Replace("{sample}", Sample, StringComparison.Ordinal)).Concat(["--data", data]).ToArray();

        var (exitCode, output) = await PaperwireProcess.RunAsync(resolved);

        Assert.Equal(expectedExit, exitCode);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
        Directory.Delete(data, recursive: true);
    }
}
