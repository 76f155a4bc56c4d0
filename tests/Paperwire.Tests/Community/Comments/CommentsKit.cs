using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Accounts;
using Paperwire.Hosting;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;
using Paperwire.Storage.Coordination;

namespace Paperwire.Tests.Community.Comments;

/// <summary>A user the kit created: confirmed, with a personal API token.</summary>
internal sealed record CommentUser(string Id, string Name, string Token);

/// <summary>
/// The app on a fresh database with two papers in the feed (a new-style and an old-style id) and helpers for
/// the comment endpoints: users with API tokens, cookie sessions that sign in through the real form.
/// </summary>
internal sealed partial class CommentsKit : IAsyncDisposable
{
    public const string PaperId = "2504.05299";
    public const string OldStylePaperId = "hep-th/9901001";
    public const string Password = "correct horse battery";
    public static readonly DateOnly Day = new(2026, 5, 28);

    private CommentsKit(TestApp app) => App = app;

    public TestApp App { get; }

    public HttpClient Client => App.Client;

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<CommentsKit> StartAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var app = await TestApp.StartAsync(provider, demo: false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await AccountServices.EnsureRolesAsync(scope.ServiceProvider);
        }

        await app.AddPapersAsync(
            PaperFactory.InFeed(PaperId, Day, title: "SmolVLM", authors: ["Ada Lovelace", "Alan Turing"]),
            PaperFactory.InFeed(OldStylePaperId, Day, title: "Old style", publishedOn: new DateOnly(1999, 1, 4)));
        return new CommentsKit(app);
    }

    public async Task<CommentUser> UserAsync(string name, params string[] roles)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        var user = new PaperwireUser { UserName = name, Email = $"{name}@example.org", EmailConfirmed = true, JoinedAt = TestApp.Now };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var (_, secret) = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "tests", Cancel))!.Value;
        return new CommentUser(user.Id, name, secret);
    }

    public Task<HttpResponseMessage> PostAsync(CommentUser? user, string text, long? parentId = null, string paperId = PaperId) =>
        SendAsync(HttpMethod.Post, $"/api/papers/{paperId}/comments", user, new { text, parentId });

    public Task<HttpResponseMessage> EditAsync(CommentUser? user, long id, string text) =>
        SendAsync(HttpMethod.Put, $"/api/comments/{id}", user, new { text });

    public Task<HttpResponseMessage> DeleteAsync(CommentUser? user, long id) => SendAsync(HttpMethod.Delete, $"/api/comments/{id}", user);

    public Task<HttpResponseMessage> HideAsync(CommentUser? user, long id) => SendAsync(HttpMethod.Post, $"/api/comments/{id}/hide", user);

    /// <summary>Posts a comment that must succeed; returns its id.</summary>
    public async Task<long> CommentAsync(CommentUser user, string text, long? parentId = null, string paperId = PaperId)
    {
        using var response = await PostAsync(user, text, parentId, paperId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("id").GetInt64();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, CommentUser? user, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Client.SendAsync(request, Cancel);
    }

    /// <summary>The public thread (<c>GET /api/papers/{id}/comments</c>), once cached pages have followed the last write.</summary>
    public async Task<JsonElement> ThreadAsync(string paperId = PaperId)
    {
        await SettleAsync();
        using var response = await Client.GetAsync($"/api/papers/{paperId}/comments", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.Clone();
    }

    /// <summary>The paper's item in <c>/api/daily_papers</c> for the kit's day.</summary>
    public async Task<JsonElement> DailyItemAsync(string paperId = PaperId)
    {
        await SettleAsync();
        var items = JsonDocument.Parse(await Client.GetStringAsync($"/api/daily_papers?date={Day:yyyy-MM-dd}", Cancel)).RootElement;
        return items.EnumerateArray().Single(i => i.GetProperty("paper").GetProperty("id").GetString() == paperId).Clone();
    }

    /// <summary>The paper page as an anonymous reader sees it.</summary>
    public async Task<IDocument> AnonymousPageAsync(string paperId = PaperId)
    {
        await SettleAsync();
        return await ParseAsync(await Client.GetStringAsync($"/papers/{paperId}", Cancel));
    }

    public Task<int> StoredNumCommentsAsync(string paperId = PaperId) =>
        App.QueryAsync(db => db.Papers.Where(p => p.Id == paperId).Select(p => p.NumComments).SingleAsync(Cancel));

    /// <summary>Waits until the cache invalidator has seen every write, so anonymous (cached) reads are current.</summary>
    public async Task SettleAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var written = await scope.ServiceProvider.GetRequiredService<ChangeSequence>().CurrentAsync(Cancel);
        var invalidator = App.Services.GetRequiredService<FeedCacheInvalidator>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (invalidator.ObservedSequence < written && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Cancel);
        }
    }

    public static async Task<IDocument> ParseAsync(string html) => await new HtmlParser().ParseDocumentAsync(html, Cancel);

    /// <summary>A browser-like client that keeps cookies, signed in through <c>/account/signin</c>.</summary>
    public async Task<CookieSession> SignInAsync(CommentUser user)
    {
        var session = new CookieSession(((TestServer)App.Services.GetRequiredService<IServer>()).CreateHandler());
        var token = await session.FormTokenAsync("/account/signin");
        using var response = await session.PostFormAsync("/account/signin", token, new()
        {
            ["Form.Login"] = user.Name,
            ["Form.Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryField();
}

/// <summary>Cookies kept between requests, as a browser would (TestServer's handler keeps none).</summary>
internal sealed class CookieSession : IDisposable
{
    private readonly CookieContainer cookies = new();

    public CookieSession(HttpMessageHandler server) =>
        Client = new HttpClient(new CookieJarHandler(cookies) { InnerHandler = server }) { BaseAddress = new Uri("http://localhost/") };

    public HttpClient Client { get; }

    public async Task<string> GetStringAsync(string url)
    {
        using var response = await Client.GetAsync(url, CommentsKit.Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(CommentsKit.Cancel);
    }

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public async Task<string> FormTokenAsync(string url) =>
        CommentsKit.AntiforgeryField().Match(await GetStringAsync(url)) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new Xunit.Sdk.XunitException($"{url} has no form with an antiforgery token.");

    public async Task<HttpResponseMessage> PostFormAsync(string url, string? token, Dictionary<string, string> fields)
    {
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return await Client.PostAsync(url, new FormUrlEncodedContent(fields), CommentsKit.Cancel);
    }

    public void Dispose() => Client.Dispose();
}
