using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Paperwire.Testing;

/// <summary>
/// One visitor of the app, with their own cookie jar and (in memory) their own IP address: gets pages and submits
/// their forms as a browser would (hidden inputs and the antiforgery token included). Redirects are not followed,
/// so a test sees where they point.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    private static int visitors;
    private readonly HttpClient client;

    /// <param name="address">The visitor's IP address (the rate limits count per address); a new one by default (in memory only).</param>
    /// <param name="baseAddress">Where the app seems to be; <c>https://…</c> makes requests look as if they came over TLS.</param>
    public BrowserSession(TestApp app, IPAddress? address = null, Uri? baseAddress = null)
    {
        HttpMessageHandler inner;
        if (app.Services.GetRequiredService<IServer>() is TestServer server)
        {
            Address = address ?? NextAddress();
            inner = server.CreateHandler(context => context.Connection.RemoteIpAddress = Address);
        }
        else
        {
            // On loopback (Kestrel) every visitor comes from 127.0.0.1.
            Address = address is null ? IPAddress.Loopback : throw new ArgumentException("Only the in-memory app lets a visitor choose an address.", nameof(address));
            inner = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        }

        client = new HttpClient(new CookieJarHandler(Cookies) { InnerHandler = inner }) { BaseAddress = baseAddress ?? app.BaseAddress };
    }

    /// <summary>
    /// A visitor of an app in another process (a <c>paperwire serve</c>, or a proxy in front of several) at
    /// <paramref name="baseAddress"/>; sessions given the same <paramref name="cookies"/> are one browser visiting several
    /// addresses (cookies are per host, not per port).
    /// </summary>
    public BrowserSession(Uri baseAddress, CookieContainer? cookies = null)
    {
        Address = IPAddress.Loopback;
        Cookies = cookies ?? new();
        client = new HttpClient(new CookieJarHandler(Cookies) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } })
        {
            BaseAddress = baseAddress,
        };
    }

    public IPAddress Address { get; }

    /// <summary>Headers sent with every request (e.g. what a reverse proxy adds).</summary>
    public System.Net.Http.Headers.HttpRequestHeaders Headers => client.DefaultRequestHeaders;

    public CookieContainer Cookies { get; } = new();

    public async Task<WebPage> GetAsync(string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return await WebPage.ReadAsync(response);
    }

    /// <summary>Posts exactly <paramref name="fields"/> (no token added): what a forged cross-site form sends.</summary>
    public async Task<WebPage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(url, content, TestContext.Current.CancellationToken);
        return await WebPage.ReadAsync(response);
    }

    /// <summary>
    /// Gets <paramref name="url"/> and submits its post form (the one posting to <paramref name="action"/>, or to
    /// the page itself) with its hidden inputs, the antiforgery token among them, and <paramref name="fields"/>.
    /// </summary>
    public async Task<WebPage> SubmitAsync(string url, IReadOnlyDictionary<string, string> fields, string? action = null)
    {
        var page = await GetAsync(url);
        Assert.True(page.Status == HttpStatusCode.OK, $"GET {url} answered {(int)page.Status}");
        return await SubmitAsync(page, fields, action);
    }

    /// <inheritdoc cref="SubmitAsync(string, IReadOnlyDictionary{string, string}, string?)"/>
    public Task<WebPage> SubmitAsync(WebPage page, IReadOnlyDictionary<string, string> fields, string? action = null)
    {
        var form = page.Form(action);
        var values = new Dictionary<string, string>(form.HiddenInputs);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return PostAsync(form.Action ?? page.Url.PathAndQuery, values);
    }

    public void Dispose() => client.Dispose();

    private static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref visitors);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }
}

/// <summary>A response as a test reads it: status, headers, the HTML and its forms.</summary>
public sealed partial record WebPage(Uri Url, HttpStatusCode Status, string Html, IReadOnlyDictionary<string, string[]> Headers)
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>The HTML with entities decoded, for looking for messages.</summary>
    public string Text => WebUtility.HtmlDecode(Html);

    /// <summary>Where a redirect points, resolved against the request.</summary>
    public Uri? Location => Header("Location") is { } location ? new Uri(Url, location) : null;

    public IReadOnlyList<string> SetCookies => Headers.GetValueOrDefault("Set-Cookie") ?? [];

    /// <summary>The antiforgery token of the page's first post form.</summary>
    public string AntiforgeryToken => Form().HiddenInputs.GetValueOrDefault(AntiforgeryField)
        ?? throw new InvalidOperationException($"{Url} has no antiforgery token");

    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>The post form that posts to <paramref name="action"/>, or by default the first one that posts to the page itself.</summary>
    public HtmlForm Form(string? action = null)
    {
        foreach (Match match in Forms().Matches(Html))
        {
            var attributes = Attributes(match.Groups["attributes"].Value);
            if (!string.Equals(attributes.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase)
                || attributes.GetValueOrDefault("action") != action)
            {
                continue;
            }

            var hidden = new Dictionary<string, string>();
            foreach (Match input in Inputs().Matches(match.Groups["body"].Value))
            {
                var inputAttributes = Attributes(input.Groups["attributes"].Value);
                if (inputAttributes.GetValueOrDefault("type") == "hidden" && inputAttributes.TryGetValue("name", out var name))
                {
                    hidden.TryAdd(name, inputAttributes.GetValueOrDefault("value") ?? "");
                }
            }

            return new HtmlForm(action, hidden);
        }

        throw new InvalidOperationException($"{Url} has no post form with action {action ?? "(none)"}: {Html}");
    }

    public static async Task<WebPage> ReadAsync(HttpResponseMessage response) => new(
        response.RequestMessage!.RequestUri!,
        response.StatusCode,
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
        response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase));

    private static Dictionary<string, string> Attributes(string text) =>
        Attribute().Matches(text).ToDictionary(m => m.Groups["name"].Value.ToLowerInvariant(), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("""<form\b(?<attributes>[^>]*)>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Forms();

    [GeneratedRegex("""<input\b(?<attributes>[^>]*)>""", RegexOptions.IgnoreCase)]
    private static partial Regex Inputs();

    [GeneratedRegex(@"(?<name>[\w.-]+)=""(?<value>[^""]*)""")]
    private static partial Regex Attribute();
}

/// <summary>A form's target (null: the page itself) and its hidden inputs by name.</summary>
public sealed record HtmlForm(string? Action, IReadOnlyDictionary<string, string> HiddenInputs);
