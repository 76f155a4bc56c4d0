namespace Paperwire.Tests.Cli;

/// <summary>An operator who misspells <c>Search:EmbeddingModel</c> is told which models exist, before anything runs.</summary>
public sealed class EmbeddingModelSettingTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("paperwire-model-setting-").FullName;

    [Theory]
    [InlineData("embed")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    public async Task AnUnknownModel_SaysWhichModelsExist_AndExits2(params string[] command)
    {
        using var run = PaperwireProcess.Start(new Dictionary<string, string> { ["Search__EmbeddingModel"] = "arctic-embed-xl" }, [.. command, "--data", data]);
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("error: Search:EmbeddingModel 'arctic-embed-xl' is not a model Paperwire knows; use arctic-embed-xs or arctic-embed-xs-int8.", run.Output);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal); // no stack trace
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
