using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Accounts;
using Paperwire.Storage.Accounts;

namespace Paperwire.Tests.Community.Votes;

/// <summary>
/// Users for the votes and token tests, made straight through Identity, and a client that keeps cookies and
/// reads the antiforgery token from a page's form, as a browser does.
/// </summary>
public sealed partial class CommunityClient : IDisposable
{
    public const string Password = "correct horse battery";

    private readonly CookieContainer cookies = new();

    private CommunityClient(TestApp app)
    {
        Http = new HttpClient(new CookieJarHandler(cookies) { InnerHandler = ((TestServer)app.Services.GetRequiredService<IServer>()).CreateHandler() })
        {
            BaseAddress = app.BaseAddress,
        };
    }

    public HttpClient Http { get; }

    /// <summary>An anonymous reader with a cookie jar.</summary>
    public static CommunityClient Anonymous(TestApp app) => new(app);

    /// <summary>A reader signed in through <c>/account/signin</c> as <paramref name="userName"/>.</summary>
    public static async Task<CommunityClient> SignedInAsync(TestApp app, string userName)
    {
        var client = new CommunityClient(app);
        var token = await client.AntiforgeryTokenAsync("/account/signin");
        using var response = await client.PostFormAsync("/account/signin", token, new() { ["Form.Login"] = userName, ["Form.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Creates a confirmed user; returns its id.</summary>
    public static async Task<string> CreateUserAsync(TestApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PaperwireUser>>();
        var user = new PaperwireUser { UserName = userName, Email = userName + "@example.org", EmailConfirmed = true, JoinedAt = TestApp.Now };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>Creates a personal API token for the user; returns its secret.</summary>
    public static async Task<string> CreateTokenAsync(TestApp app, string userId, string name = "tests")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(userId, name, CancellationToken.None);
        return created!.Value.Secret;
    }

    /// <summary>A request signed in by <paramref name="secret"/> as a bearer token.</summary>
    public static HttpRequestMessage WithToken(HttpMethod method, string url, string secret)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return request;
    }

    /// <summary>The antiforgery token of the first form on <paramref name="path"/>.</summary>
    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var html = await Http.GetStringAsync(path);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, string? antiforgeryToken, Dictionary<string, string> fields)
    {
        if (antiforgeryToken is not null)
        {
            fields["__RequestVerificationToken"] = antiforgeryToken;
        }

        return Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
