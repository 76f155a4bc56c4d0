using Paperwire.Tests.Accounts;

namespace Paperwire.Tests.Web;

/// <summary>The database, its folder and mail in the pickup folder are the service user's alone (0600 files, 0700 folders).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class PrivateFilesTests
{
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Database_and_mail_are_readable_by_the_service_user_only()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync("ada", "ada@example.org");

        var data = app.Database.DataDirectory;
        var pickup = Path.Combine(data, "mail-pickup");
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(data) & GroupOrOthers);
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(data, "paperwire.db")) & GroupOrOthers);
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(pickup) & GroupOrOthers);
        var mail = Assert.Single(Directory.GetFiles(pickup, "*.eml"));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(mail) & GroupOrOthers);
    }

    [Fact]
    public async Task A_data_folder_left_open_by_an_older_version_is_closed_at_the_next_start()
    {
        var data = Directory.CreateTempSubdirectory("paperwire-open-").FullName;
        try
        {
            File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
            var first = await Cli.PaperwireProcess.RunAsync("db", "migrate", "--data", data);
            Assert.True(first.ExitCode == 0, first.Output);
            var database = Path.Combine(data, "paperwire.db");
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(database) & GroupOrOthers); // created under the 077 umask
            File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(database, (UnixFileMode)0b110_100_100);

            var second = await Cli.PaperwireProcess.RunAsync("db", "migrate", "--data", data);

            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(data) & GroupOrOthers);
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(database) & GroupOrOthers);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
