using System.Net;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Web.Hostile;

/// <summary>
/// One visitor of the app on loopback: anonymous, signed in by cookie (signed in again whenever a request signed it
/// out), or carrying a personal API token. Redirects are not followed; the antiforgery token is the last one a page gave.
/// </summary>
public sealed partial class HostileSession : IDisposable
{
    private readonly CookieContainer cookies = new();
    private readonly Uri baseAddress;
    private readonly (string Login, string Password)? account;

    private HostileSession(string name, Uri baseAddress, (string, string)? account, string? bearer)
    {
        Name = name;
        this.baseAddress = baseAddress;
        this.account = account;
        Bearer = bearer;
        Client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string Name { get; }

    public HttpClient Client { get; }

    public string? Bearer { get; }

    public string? AntiforgeryToken { get; set; }

    public static HostileSession Anonymous(Uri baseAddress) => new("anonymous", baseAddress, null, null);

    public static HostileSession WithToken(Uri baseAddress, string bearer) => new("token", baseAddress, null, bearer);

    public static async Task<HostileSession> SignedInAsync(Uri baseAddress, string login, string password)
    {
        var session = new HostileSession("signed-in", baseAddress, (login, password), null);
        await session.EnsureSignedInAsync();
        return session;
    }

    /// <summary>Signs in again if the last request signed this session out (the sign-out form is attacked too).</summary>
    public async Task EnsureSignedInAsync()
    {
        if (account is not { } credentials || cookies.GetCookies(baseAddress)["paperwire.auth"] is { Expired: false })
        {
            return;
        }

        var html = await Client.GetStringAsync("/account/signin");
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        using var response = await Client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Login"] = credentials.Login,
            ["Form.Password"] = credentials.Password,
            [RenderedForm.AntiforgeryField] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{credentials.Login} could not sign in: {(int)response.StatusCode}");
        }

        AntiforgeryToken = WebUtility.HtmlDecode(TokenField().Match(await Client.GetStringAsync("/account/tokens")).Groups[1].Value);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
