using System.Text;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Tests.Cli;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Citations;

/// <summary><c>paperwire collections import</c>: an operator imports a user's reference file from the shell.</summary>
public sealed class CollectionImportCliTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("paperwire-import-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Can_import_a_file_into_a_users_collection_from_the_command_line()
    {
        await using var app = await CommunityApp.StartAsync(DatabaseProvider.Sqlite);
        var ada = await TestUser.CreateAsync(app, "ada");
        (await ada.SendAsync(HttpMethod.Post, "/api/collections", new { name = "From Zotero" })).Dispose();
        var file = Path.Combine(folder.FullName, "zotero.bib");
        await File.WriteAllTextAsync(file, "@misc{a, title = {Sparse mixtures of readers}}\n@book{b, title = {Nobody has this}}\n", Encoding.UTF8, TestContext.Current.CancellationToken);
        var broken = Path.Combine(folder.FullName, "broken.bib");
        await File.WriteAllTextAsync(broken, "@misc{a, title = {Sparse mixtures of readers}}\n@misc{b, title = {Never closed\n", Encoding.UTF8, TestContext.Current.CancellationToken);

        var imported = await RunAsync(app, "collections", "import", "--user", "ada", "--collection", "from-zotero", file);
        var refused = await RunAsync(app, "collections", "import", "--user", "ada", "--collection", "from-zotero", broken);
        var unknown = await RunAsync(app, "collections", "import", "--user", "ada", "--collection", "nope", file);

        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("line 2: Nobody has this: Not in the catalog", imported.Output);
        Assert.Contains("Added 1 papers to ada/from-zotero; 1 of 2 references matched.", imported.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("line 2", refused.Output);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("ada has no collection nope", unknown.Output);
        Assert.Equal(["2605.00002"], await app.QueryAsync(db => db.CollectionItems.Select(i => i.PaperId).ToListAsync(TestContext.Current.CancellationToken)));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(TestApp app, params string[] args)
    {
        using var run = PaperwireProcess.Start([.. args, "--data", app.Database.DataDirectory]);
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, run.Output);
    }
}
