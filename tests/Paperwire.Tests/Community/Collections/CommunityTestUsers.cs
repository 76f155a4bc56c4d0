using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Accounts;
using Paperwire.Storage.Accounts;

namespace Paperwire.Tests.Community.Collections;

/// <summary>A confirmed user with a personal API token, and a cookie-signed-in browser-like client on demand.</summary>
public sealed partial class TestUser(TestApp app, string id, string name, string token)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>The user's personal API token (the secret, as sent in <c>Authorization: Bearer</c>).</summary>
    public string Token { get; } = token;

    public const string Password = "correct horse battery staple";

    public static async Task<TestUser> CreateAsync(TestApp app, string name, string? role = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        var user = new PaperwireUser { UserName = name, Email = $"{name}@example.org", EmailConfirmed = true, JoinedAt = TestApp.Now };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var issued = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "tests", CancellationToken.None);
        return new TestUser(app, user.Id, name, issued!.Value.Secret);
    }

    /// <summary>Sends an API request signed in with the user's token (no antiforgery needed).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null) => Send(app, method, url, body, Token);

    /// <summary>The same request without any sign-in.</summary>
    public static Task<HttpResponseMessage> SendAnonymousAsync(TestApp app, HttpMethod method, string url, object? body = null) => Send(app, method, url, body, null);

    private static Task<HttpResponseMessage> Send(TestApp app, HttpMethod method, string url, object? body, string? bearer)
    {
        var request = new HttpRequestMessage(method, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return app.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A client that keeps cookies, signed in through the sign-in form.</summary>
    public async Task<Browser> SignInAsync()
    {
        var browser = new Browser(app);
        using var response = await browser.SubmitAsync("/account/signin", "/account/signin", new() { ["Form.Login"] = Name, ["Form.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>Keeps cookies between requests and posts forms with the antiforgery token read from a page.</summary>
    public sealed partial class Browser : IDisposable
    {
        private readonly CookieContainer cookies = new();
        private readonly HttpClient client;

        public Browser(TestApp app)
        {
            var server = (TestServer)app.Services.GetRequiredService<IServer>();
            client = new HttpClient(new CookieJarHandler(cookies) { InnerHandler = server.CreateHandler() }) { BaseAddress = app.BaseAddress };
        }

        public void Dispose() => client.Dispose();

        public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(url, TestContext.Current.CancellationToken);

        public async Task<string> GetStringAsync(string url)
        {
            using var response = await GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        /// <summary>Reads the antiforgery token from <paramref name="formPage"/> and posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
        public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, Dictionary<string, string> fields)
        {
            var html = await GetStringAsync(formPage);
            var token = TokenField().Match(html);
            Assert.True(token.Success, $"No antiforgery token on {formPage}");
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
            return await client.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        }

        /// <summary>
        /// Posts a multipart form with one file (as a browser's file input does) and the antiforgery token read from
        /// <paramref name="formPage"/>, or none when <paramref name="formPage"/> is null.
        /// </summary>
        public async Task<HttpResponseMessage> UploadAsync(string? formPage, string action, string field, byte[] bytes, string fileName, string contentType)
        {
            using var form = new MultipartFormDataContent();
            if (formPage is not null)
            {
                var token = TokenField().Match(await GetStringAsync(formPage));
                Assert.True(token.Success, $"No antiforgery token on {formPage}");
                form.Add(new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken");
            }

            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            form.Add(file, field, fileName);
            return await client.PostAsync(action, form, TestContext.Current.CancellationToken);
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenField();
    }
}

/// <summary>An app without the demo corpus, with the role rows and a few papers with named authors.</summary>
public static class CommunityApp
{
    public static readonly DateOnly FeedDay = new(2026, 5, 28);

    public static async Task<TestApp> StartAsync(Paperwire.Storage.DatabaseProvider provider, params Paperwire.Core.Papers.Paper[] papers)
    {
        var app = await TestApp.StartAsync(provider, demo: false);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await AccountServices.EnsureRolesAsync(scope.ServiceProvider);
        }

        await app.AddPapersAsync(papers.Length > 0 ? papers :
        [
            PaperFactory.InFeed("2605.00001", FeedDay, title: "Attention is all we collect", authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper"]),
            PaperFactory.InFeed("2605.00002", FeedDay, title: "Sparse mixtures of readers", authors: ["Edsger Dijkstra"]),
            PaperFactory.InFeed("2605.00003", FeedDay, title: "Curating the daily feed", authors: ["Barbara Liskov", "Donald Knuth"]),
            PaperFactory.InCatalog("hep-th/9901001", new DateOnly(1999, 1, 4), title: "An old-style string paper", authors: ["Edward Witten"]),
        ]);
        return app;
    }
}
