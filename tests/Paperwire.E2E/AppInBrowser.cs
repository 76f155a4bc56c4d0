using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Paperwire.E2E.AppInBrowser))]

namespace Paperwire.E2E;

/// <summary>
/// One Paperwire app on a loopback port (demo corpus, SQLite) and one headless Debian Chromium, shared
/// by every browser test; each test gets its own browser context, so cookies and settings never leak.
/// </summary>
public sealed class AppInBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private TestApp? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public TestApp App => app ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync()
    {
        // With embeddings, as a real first start: the demo papers' vectors ship with the app, so only the
        // query model loads (once, on the first search).
        app = await TestApp.StartOnLoopbackAsync(embeddings: true);
        await UntilSearchableAsync(app);
        if (File.Exists(ChromiumPath))
        {
            // Two cores shared by Chromium, the app and the other browser tests: Playwright's 5 s for an
            // assertion to come true is short on such a machine; a real failure still fails, just later.
            Assertions.SetDefaultExpectTimeout(15_000);
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        }
    }

    /// <summary>
    /// The search index is built by a background worker after start; a browser test that searched first would
    /// race it (and Playwright's retrying assertions do not reload the page).
    /// </summary>
    private static async Task UntilSearchableAsync(TestApp app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await app.Client.GetAsync("/api/papers/search?q=wavemix");
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && body.Contains("WaveMix", StringComparison.Ordinal) && !response.Headers.Contains("X-Paperwire-Semantic"))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The demo corpus was not searchable (keyword and semantic) within 60 s of start.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A fresh browser context on the app: light mode and a desktop window unless told otherwise.</summary>
    /// <param name="on">Another app to browse (a test that changes data starts its own); the shared one by default.</param>
    /// <param name="storageState">Cookies saved from another context (<see cref="IBrowserContext.StorageStateAsync"/>): signed in without signing in again.</param>
    public async Task<IBrowserContext> NewContextAsync(
        int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light, TestApp? on = null, string? storageState = null)
    {
        RequiredComponent.Require(browser is not null, "Chromium", "install Debian's chromium package (./test.sh does)");
        return await browser!.NewContextAsync(new()
        {
            BaseURL = (on ?? App).BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = colorScheme,
            StorageState = storageState,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
