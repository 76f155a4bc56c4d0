using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Paperwire.Tests.Operations;

/// <summary>Who can read <c>/metrics</c>: nobody unless it is switched on, then only with the token or on the management port.</summary>
[Collection(MetricsRunAlone.Name)]
public class MetricsEndpointTests
{
    public const string Token = "metrics-token-for-the-tests-0123456789";

    public static Dictionary<string, string?> WithToken() => new() { ["Metrics:Enabled"] = "true", ["Metrics:Token"] = Token };

    [Fact]
    public async Task Metrics_are_not_served_unless_switched_on()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        using var response = await app.Client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_on_the_public_port_are_served_only_to_a_scraper_with_the_token()
    {
        await using var app = await TestApp.StartAsync(demo: false, settings: WithToken());

        foreach (var authorization in new AuthenticationHeaderValue?[] { null, new("Bearer", "metrics-token-for-the-tests-0123456780"), new("Basic", Token) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = authorization } };
            using var refused = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.DoesNotContain("paperwire_", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var scrape = await ScrapeAsync(app.Client);
        Assert.Contains("http_server_request_duration_seconds_count", scrape.SampleNames);
        Assert.Contains("paperwire_digests_pending", scrape.SampleNames);
    }

    [Fact]
    public async Task Metrics_on_the_management_port_are_not_served_on_the_public_port_whatever_the_Host_header_says()
    {
        var port = FreePort();
        await using var app = await TestApp.StartOnLoopbackAsync(demo: false, settings: new Dictionary<string, string?> { ["Metrics:Enabled"] = "true", ["Metrics:Port"] = $"{port}" });
        Assert.NotEqual(port, app.BaseAddress.Port);

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Host = $"127.0.0.1:{port}" } })
        using (var onPublic = await app.Client.SendAsync(request, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
        }

        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var scrape = await ScrapeAsync(management, token: null);
        Assert.Contains("paperwire_search_index_lag", scrape.SampleNames);
        // Readers' pages stay on the public addresses; probes work on both.
        using (var page = await management.GetAsync("/", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        using var health = await management.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_token_too_short_to_be_secret_stops_the_start_with_the_reason()
    {
        var settings = WithToken();
        settings["Metrics:Token"] = "secret";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(demo: false, settings: settings));

        Assert.Contains("Metrics:Token must be at least 16 characters", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<PrometheusText> ScrapeAsync(HttpClient client, string? token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {text}");
        return new PrometheusText(text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
