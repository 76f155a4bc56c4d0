namespace Paperwire.Tests.Cli;

/// <summary>An operator who misspells <c>Search:EmbeddingModel</c> is told which models exist, before anything runs.</summary>
public sealed class EmbeddingModelSettingTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("paperwire-model-setting-").FullName;

    [Fact]
    public async Task Embed_WithAnUnknownModel_SaysWhichModelsExist_AndExits2()
    {
        using var run = PaperwireProcess.Start(new Dictionary<string, string> { ["Search__EmbeddingModel"] = "arctic-embed-xl" }, "embed", "--data", data);
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
