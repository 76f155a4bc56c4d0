using Paperwire.Tests.Cli;

namespace Paperwire.Tests.Ingest;

/// <summary><c>paperwire harvest oai</c> on the command line: help and clear refusals of bad arguments.</summary>
public class OaiCommandTests
{
    [Fact]
    public async Task Help_NamesEveryOption()
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync("harvest", "oai", "--help");

        Assert.Equal(0, exitCode);
        Assert.All(["--set", "--from", "--until", "--format", "--base-url", "--rejects", "--data"], option => Assert.Contains(option, output));
    }

    [Theory]
    [InlineData("harvest oai --set cs --from 2025-13-01", "--from: '2025-13-01' is not a date like 2025-01-31.")]
    [InlineData("harvest oai --set cs --from 2025-01-01 --until yesterday", "--until: 'yesterday' is not a date like 2025-01-31.")]
    [InlineData("harvest oai --set cs --from 2025-01-02 --until 2025-01-01", "--until 2025-01-01 is before --from 2025-01-02.")]
    [InlineData("harvest oai --set cs", "--from")]
    [InlineData("harvest oai --from 2025-01-01", "--set")]
    [InlineData("harvest oai --set cs --from 2025-01-01 --format json", "json")]
    public async Task BadArguments_ExitNonZero_WithAClearMessage(string args, string mentions)
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync(args.Split(' '));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(mentions, output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public async Task BaseUrl_ThatIsNotHttp_ExitsWithOne_AndAClearMessage()
    {
        var data = Directory.CreateTempSubdirectory("paperwire-harvest-").FullName;
        try
        {
            var (exitCode, output) = await PaperwireProcess.RunAsync("harvest", "oai", "--set", "cs", "--from", "2025-01-01", "--base-url", "ftp://oaipmh.arxiv.org/oai", "--data", data);

            Assert.Equal(1, exitCode);
            Assert.Contains("error: --base-url: 'ftp://oaipmh.arxiv.org/oai' is not an http(s) address", output);
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
