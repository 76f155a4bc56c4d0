using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Paperwire.Storage;

namespace Paperwire.Tests.Cli;

/// <summary>The <c>paperwire</c> command line: help everywhere, clear errors, migrations, serve and shutdown.</summary>
public class CliTests
{
    [Theory]
    [InlineData("--help", "serve")]
    [InlineData("serve --help", "--urls")]
    [InlineData("db --help", "migrate")]
    [InlineData("db migrate --help", "--database")]
    public async Task Help_IsAvailableForEveryCommand(string args, string mentions)
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync(args.Split(' '));
        Assert.Equal(0, exitCode);
        Assert.Contains(mentions, output);
        Assert.Contains("--data", output);
    }

    [Theory]
    [InlineData("serve --bogus", "--bogus")]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("db migrate --database nonsense", "must be a PostgreSQL connection string")]
    public async Task BadArguments_ExitNonZero_WithAClearMessage(string args, string mentions)
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync(args.Split(' '));
        Assert.NotEqual(0, exitCode);
        Assert.Contains(mentions, output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public async Task DbMigrate_UnreachablePostgres_ExitsNonZero_WithOneLineError()
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync("db", "migrate", "--database", "Host=127.0.0.1;Port=1;Database=none;Timeout=3");
        Assert.Equal(1, exitCode);
        Assert.Contains("error: ", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task DbMigrate_CreatesTheSchema_ThenReportsUpToDate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string[] args = provider == DatabaseProvider.Sqlite
            ? ["db", "migrate", "--data", database.DataDirectory]
            : ["db", "migrate", "--database", database.Settings.ConnectionString];

        var first = await PaperwireProcess.RunAsync(args);
        var second = await PaperwireProcess.RunAsync(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applied", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("is up to date", second.Output);
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.True(File.Exists(Path.Combine(database.DataDirectory, DatabaseSettings.SqliteFileName)));
        }
    }

    [Fact]
    public async Task Serve_StartsWithTheDemoCorpus_AndShutsDownGracefullyOnSigterm()
    {
        var data = Directory.CreateTempSubdirectory("paperwire-serve-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        // Tests never reach the real arXiv.
        using var serve = PaperwireProcess.Start(new Dictionary<string, string> { ["Ingest__TitleMatch__Enabled"] = "false", ["Paperwire__Thumbnails__Enabled"] = "false" }, "serve", "--urls", url, "--data", data);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var started = Stopwatch.StartNew();
        var home = await WaitForAsync(http, "/", TimeSpan.FromSeconds(60));
        TestContext.Current.TestOutputHelper?.WriteLine($"first page after {started.Elapsed.TotalSeconds:F1}s");
        Assert.Contains("Daily Papers", home);
        Assert.Contains("Loaded the demo corpus: 67 papers", serve.Output);

        using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Application is shutting down", serve.Output);
        Directory.Delete(data, recursive: true);
    }

    private static async Task<string> WaitForAsync(HttpClient http, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "serve did not answer in time");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
