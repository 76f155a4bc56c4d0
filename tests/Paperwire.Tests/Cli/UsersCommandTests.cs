using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;
using Paperwire.Tests.Accounts;

namespace Paperwire.Tests.Cli;

/// <summary><c>paperwire users create-admin | set-role</c>, run as a process against the database a running app uses.</summary>
public class UsersCommandTests
{
    private const string AdminPassword = "a long admin passphrase";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_create_an_admin_who_signs_in_at_once_then_give_and_take_a_role(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);

        var created = await RunAsync(app, AdminPassword, "users", "create-admin", "--name", "ada", "--email", "ada@example.org");
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("Created admin ada.", created.Output);
        Assert.DoesNotContain(AdminPassword, created.Output);

        using var ada = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.Redirect, (await ada.SignInAsync("ada", AdminPassword)).Status);
        Assert.True((await ada.GetAsync("/")).IsSignedInAs("ada"));
        Assert.Equal(["admin"], ProfileRoles(await ada.GetAsync("/u/ada")));
        Assert.Equal(["admin"], await RolesAsync(app, "ada"));

        var given = await RunAsync(app, null, "users", "set-role", "ada", "curator");
        Assert.True(given.ExitCode == 0, given.Output);
        Assert.Contains("ada is curator.", given.Output);
        Assert.Equal(["admin", "curator"], await RolesAsync(app, "ada"));
        Assert.Equal(["admin", "curator"], ProfileRoles(await ada.GetAsync("/u/ada")));

        var taken = await RunAsync(app, null, "users", "set-role", "ada", "curator", "--remove");
        Assert.True(taken.ExitCode == 0, taken.Output);
        Assert.Contains("ada is no longer curator.", taken.Output);
        Assert.Equal(["admin"], await RolesAsync(app, "ada"));
    }

    [Fact]
    public async Task CreateAdmin_ReadsThePasswordFromStandardInput_AndBadRequestsExit2_ChangingNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var (exitCode, output) = await RunWithStandardInputAsync(app, AdminPassword + "\n", "users", "create-admin", "--name", "ada", "--email", "ada@example.org");
        Assert.True(exitCode == 0, output);
        using (var ada = new BrowserSession(app))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ada.SignInAsync("ada@example.org", AdminPassword)).Status);
        }

        var refused = await Task.WhenAll(
            RunAsync(app, null, "users", "set-role", "ada", "emperor"),
            RunAsync(app, null, "users", "set-role", "bob", "curator"),
            RunAsync(app, "too short", "users", "create-admin", "--name", "bob", "--email", "bob@example.org"));
        var (unknownRole, unknownUser, shortPassword) = (refused[0], refused[1], refused[2]);

        Assert.Equal(2, unknownRole.ExitCode);
        Assert.Contains("error: unknown role 'emperor'; roles are admin, moderator, curator.", unknownRole.Output);
        Assert.Equal(2, unknownUser.ExitCode);
        Assert.Contains("error: no user is called bob.", unknownUser.Output);
        Assert.Equal(2, shortPassword.ExitCode);
        Assert.Contains("error: ", shortPassword.Output);
        Assert.Contains("at least 10 characters", shortPassword.Output);
        foreach (var failure in new[] { unknownRole, unknownUser, shortPassword })
        {
            Assert.DoesNotContain("   at ", failure.Output);
        }

        Assert.Equal(["admin"], await RolesAsync(app, "ada"));
        Assert.Equal(["ada"], await app.QueryAsync(db => db.Users.Select(u => u.UserName!).ToListAsync()));
        Assert.Equal(["admin", "curator", "moderator"], await app.QueryAsync(db => db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync()));
        using var bob = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.OK, (await bob.SignInAsync("bob", "too short")).Status); // the form again: refused
    }

    /// <summary>Runs <c>paperwire</c> on the app's database with <paramref name="input"/> on standard input and no PAPERWIRE_ADMIN_PASSWORD.</summary>
    private static async Task<(int ExitCode, string Output)> RunWithStandardInputAsync(TestApp app, string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "paperwire.dll"), .. args, .. DatabaseArguments(app)])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("PAPERWIRE_ADMIN_PASSWORD");
        start.Environment.Remove("Paperwire__Database");
        start.Environment.Remove("Paperwire__DataDirectory");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static string[] DatabaseArguments(TestApp app) => app.Database.Settings.Provider == DatabaseProvider.Sqlite
        ? ["--data", app.Database.DataDirectory]
        : ["--database", app.Database.Settings.ConnectionString];

    /// <summary>Runs <c>paperwire</c> on the app's database, with PAPERWIRE_ADMIN_PASSWORD set when <paramref name="password"/> is.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(TestApp app, string? password, params string[] args)
    {
        var environment = new Dictionary<string, string>();
        if (password is not null)
        {
            environment["PAPERWIRE_ADMIN_PASSWORD"] = password;
        }

        using var run = PaperwireProcess.Start(environment, [.. args, .. DatabaseArguments(app)]);
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, run.Output);
    }

    /// <summary>The roles the profile page lists after the joined date.</summary>
    private static string[] ProfileRoles(WebPage profile)
    {
        var meta = System.Text.RegularExpressions.Regex.Match(profile.Text, "<p class=\"meta\">Joined <time[^>]*>[^<]*</time>(.*?)</p>").Groups[1].Value;
        return [.. meta.TrimStart(' ', '·').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> RolesAsync(TestApp app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        return [.. (await users.GetRolesAsync((await users.FindByNameAsync(name))!)).Order(StringComparer.Ordinal)];
    }
}
