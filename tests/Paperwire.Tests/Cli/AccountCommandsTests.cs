using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Tests.Accounts;

namespace Paperwire.Tests.Cli;

/// <summary><c>paperwire users create</c> and <c>paperwire tokens create</c>: an account and a token for automation, from the shell.</summary>
public partial class AccountCommandsTests
{
    private const string Password = "a long reader passphrase";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_create_a_reader_who_signs_in_and_a_token_that_works_on_the_api(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", new DateOnly(2026, 5, 28)));

        var created = await RunAsync(app, new() { ["PAPERWIRE_USER_PASSWORD"] = Password }, "users", "create", "--name", "ann", "--email", "ann@example.org");
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("Created user ann.", created.Output);
        Assert.DoesNotContain(Password, created.Output);
        using (var ann = new BrowserSession(app))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ann.SignInAsync("ann", Password)).Status);
            Assert.True((await ann.GetAsync("/")).IsSignedInAs("ann"));
        }

        Assert.Empty(await app.QueryAsync(db => db.UserRoles.ToListAsync(TestContext.Current.CancellationToken))); // not an admin

        var token = await RunAsync(app, new(), "tokens", "create", "--user", "ann", "--name", "nightly script");
        Assert.True(token.ExitCode == 0, token.Output);
        Assert.Contains("shown only this once", token.Output);
        var secret = Secret().Match(token.Output).Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/papers/2605.00001/upvote");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var vote = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        Assert.Equal("nightly script", await app.QueryAsync(db => db.ApiTokens.Select(t => t.Name).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Create_BadEmailOrUnknownUser_Exit2_AndCreateNothing()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        var badEmail = await RunAsync(app, new() { ["PAPERWIRE_USER_PASSWORD"] = Password }, "users", "create", "--name", "ann", "--email", "ann@example");
        var unknownUser = await RunAsync(app, new(), "tokens", "create", "--user", "bob", "--name", "script");

        Assert.Equal(2, badEmail.ExitCode);
        Assert.Contains("error: --email must be one address", badEmail.Output);
        Assert.Equal(2, unknownUser.ExitCode);
        Assert.Contains("error: no user is called bob.", unknownUser.Output);
        Assert.Equal(0, await app.QueryAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(0, await app.QueryAsync(db => db.ApiTokens.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_delete_a_readers_account_on_their_request_from_the_shell(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", new DateOnly(2026, 5, 28)));
        var ann = await Community.Votes.CommunityClient.CreateUserAsync(app, "ann");
        var secret = await Community.Votes.CommunityClient.CreateTokenAsync(app, ann);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(app, secret, HttpMethod.Post, "/api/papers/2605.00001/upvote"));
        Assert.Equal(HttpStatusCode.Created, await SendAsync(app, secret, HttpMethod.Post, "/api/papers/2605.00001/comments", """{"text": "Ann was here"}"""));

        var unknown = await RunAsync(app, new(), "users", "delete", "--email", "nobody@example.org", "--yes");
        var deleted = await RunAsync(app, new(), "users", "delete", "--email", "ann@example.org", "--comments", "remove", "--yes");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: no account has the address nobody@example.org; nothing was deleted.", unknown.Output);
        Assert.True(deleted.ExitCode == 0, deleted.Output);
        Assert.Contains("Deleted the account ann: 1 vote removed, 1 comment removed, 0 collections, 0 digest subscriptions, 1 API token and 0 sessions ended.", deleted.Output);
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(app, secret, HttpMethod.Get, "/api/account/export"));
        var paper = await app.QueryAsync(db => db.Papers.Select(p => new { p.Upvotes, p.NumComments }).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal((0, 0), (paper.Upvotes, paper.NumComments));
        Assert.Equal(0, await app.QueryAsync(db => db.Comments.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(0, await app.UserCountAsync());
    }

    private static async Task<HttpStatusCode> SendAsync(TestApp app, string secret, HttpMethod method, string url, string? json = null)
    {
        using var request = Community.Votes.CommunityClient.WithToken(method, url, secret);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(TestApp app, Dictionary<string, string> environment, params string[] args)
    {
        string[] database = app.Database.Settings.Provider == DatabaseProvider.Sqlite
            ? ["--data", app.Database.DataDirectory]
            : ["--database", app.Database.Settings.ConnectionString];
        using var run = PaperwireProcess.Start(environment, [.. args, .. database]);
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, run.Output);
    }

    [GeneratedRegex("pw_[A-Za-z0-9_-]{20,}")]
    private static partial Regex Secret();
}
