using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperwire.Accounts;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Http;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;

namespace Paperwire.Tests.Community.Submissions;

/// <summary>A signed-in test user: their id and a personal API token for <c>Authorization: Bearer</c>.</summary>
public sealed record TestUser(string Id, string Name, string Token);

/// <summary>What the submission tests share: an app that asks a stand-in arXiv, users, and the submit call.</summary>
public static partial class SubmissionTestKit
{
    public const string Password = "correct horse battery";

    /// <summary>Today in every test app (<see cref="TestApp.Now"/>).</summary>
    public static readonly DateOnly Today = DateOnly.FromDateTime(TestApp.Now.UtcDateTime);

    /// <summary>
    /// The app, asking <paramref name="arxivApi"/> (a fixture server's <c>ApiUrl</c> or a closed port) for papers the
    /// catalog lacks: no pause between requests and no retries, since the app's clock is fake and does not move.
    /// </summary>
    public static async Task<TestApp> StartAsync(DatabaseProvider provider, Uri arxivApi)
    {
        var app = await TestApp.StartAsync(provider, demo: false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await AccountServices.EnsureRolesAsync(scope.ServiceProvider);
        }

        // TestApp takes no configuration, and no arXiv request has been made yet: the options objects are
        // the ones the arXiv client and its handlers read when first built.
        foreach (var options in new[]
        {
            app.Services.GetRequiredService<IOptions<ArxivOptions>>().Value,
            app.Services.GetRequiredService<IOptionsMonitor<ArxivOptions>>().CurrentValue,
        })
        {
            options.ApiBaseUrl = arxivApi.ToString();
            options.MinimumInterval = TimeSpan.Zero;
            options.MaxRetries = 0;
            options.PageRetries = 0;
        }

        return app;
    }

    /// <summary>An address nothing listens on: arXiv unreachable.</summary>
    public static Uri ClosedPort()
    {
        // Bound but never listening, and kept for the whole run: a port merely released could be handed to
        // another test's server in the meantime, and then something would answer.
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        HeldPorts.Add(socket);
        return new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}/api/query");
    }

    private static readonly System.Collections.Concurrent.ConcurrentBag<System.Net.Sockets.Socket> HeldPorts = [];

    /// <summary>A confirmed user with <paramref name="roles"/> and an API token.</summary>
    public static async Task<TestUser> CreateUserAsync(this TestApp app, string name, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        var user = new PaperwireUser { UserName = name, Email = name + "@example.org", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        foreach (var role in roles)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var (_, secret) = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "tests", CancellationToken.None))!.Value;
        return new TestUser(user.Id, name, secret);
    }

    /// <summary>An organization with <paramref name="members"/>.</summary>
    public static async Task CreateOrganizationAsync(this TestApp app, string name, params TestUser[] members)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        db.Organizations.Add(new Organization { Name = name, FullName = name.ToUpperInvariant() + " Lab" });
        db.OrganizationMembers.AddRange(members.Select(m => new OrganizationMember { OrganizationName = name, UserId = m.Id }));
        await db.SaveChangesAsync();
    }

    /// <summary><c>POST /api/papers/submit</c> with <paramref name="user"/>'s token (none: anonymous).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this TestApp app, TestUser? user, string paper, string? comment = null, string? organization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/papers/submit")
        {
            Content = JsonContent.Create(new { paper, comment, organization }),
        };
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }

        return await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }

    /// <summary>The ProblemDetails <c>detail</c> of a refusal, after checking its status.</summary>
    public static async Task<string> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.JsonAsync()).GetProperty("detail").GetString()!;
    }

    /// <summary>What a submission can change: feed entries, comments and the change sequence.</summary>
    public static Task<(int FeedEntries, int Comments, int Papers, long Sequence)> SnapshotAsync(this TestApp app) =>
        app.QueryAsync(async db => (
            await db.FeedEntries.CountAsync(),
            await db.Comments.CountAsync(),
            await db.Papers.CountAsync(),
            await db.Counters.Select(c => c.Value).MaxAsync()));

    /// <summary>A recent catalog paper (not in the feed) published <paramref name="daysAgo"/> days before today.</summary>
    public static Paper RecentPaper(string id, int daysAgo = 2, string? title = null) =>
        PaperFactory.InCatalog(id, Today.AddDays(-daysAgo), title: title, authors: ["Ada Lovelace", "Alan Turing"]);

    /// <summary>
    /// A browser-like client on the app: keeps cookies, signs in through <c>/account/signin</c> with the form's
    /// antiforgery token, and does not follow redirects.
    /// </summary>
    public static async Task<CookieBrowser> SignInAsync(this TestApp app, TestUser user)
    {
        var browser = new CookieBrowser(((TestServer)app.Services.GetRequiredService<IServer>()).CreateHandler());
        using var signedIn = await browser.PostFormAsync("/account/signin", new() { ["Form.Login"] = user.Name, ["Form.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)"|type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    public static partial Regex AntiforgeryField();
}

/// <summary>Cookies kept across requests, as a browser would; redirects are left to the test.</summary>
public sealed class CookieBrowser : IDisposable
{
    private readonly CookieContainer cookies = new();
    private readonly HttpClient client;

    public CookieBrowser(HttpMessageHandler server)
    {
        client = new HttpClient(new CookieJarHandler(cookies) { InnerHandler = server }) { BaseAddress = new Uri("http://localhost/") };
    }

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => client.SendAsync(request, TestContext.Current.CancellationToken);

    /// <summary>The antiforgery token in the form at <paramref name="path"/> (which also sets the antiforgery cookie).</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        return System.Net.WebUtility.HtmlDecode(SubmissionTestKit.AntiforgeryField().Match(html).Groups["token"].Value);
    }

    /// <summary>Posts the form at <paramref name="path"/> with its antiforgery token, as a browser does.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await FormTokenAsync(path);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    public void Dispose() => client.Dispose();
}
