using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Community;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Hosting;
using Paperwire.Tests.Community.Collections;
using Paperwire.Tests.Digests;
using Paperwire.Tests.Web.Hostile;

namespace Paperwire.Tests.Web;

/// <summary>
/// Every endpoint in the app's route table, every parameter it reads, every payload of <c>Web/Hostile/payloads.txt</c>:
/// no answer is a 5xx, and no API or feed error is anything but ProblemDetails. CI sends the corpus' CI subset (about
/// two minutes on two cores); <c>bench/hostile.sh</c> sets <see cref="FullVariable"/> and sends all of it.
/// </summary>
public class HostileInputSuiteTests
{
    public const string FullVariable = "PAPERWIRE_HOSTILE_FULL";

    /// <summary>Where the run's summary is written as well (bench/hostile.sh prints it).</summary>
    public const string ReportVariable = "PAPERWIRE_HOSTILE_REPORT";

    /// <summary>
    /// Failures in code another branch owns, listed so this suite can run green meanwhile: each entry names the
    /// request it excuses and where the fix lives. Remove the entry with the fix.
    /// </summary>
    private static readonly (string Method, string PathPrefix, string Parameter, string Because)[] KnownFailures = [];

    [Fact]
    public async Task Every_endpoint_answers_every_hostile_parameter_without_a_5xx()
    {
        var full = Environment.GetEnvironmentVariable(FullVariable) == "1";
        using var arxiv = ClosedPort(out var arxivPort);
        await using var app = await TestApp.StartOnLoopbackAsync(settings: new Dictionary<string, string?>
        {
            // Thousands of writes from one address and two users must reach the code behind the limits.
            [RateLimits.ScaleSetting] = "1000000",
            // Submissions of papers the catalog lacks ask arXiv: here a port that refuses at once, no retries.
            ["Ingest:Arxiv:ApiBaseUrl"] = $"http://127.0.0.1:{arxivPort}/api/query",
            ["Ingest:Arxiv:MinimumInterval"] = "00:00:00",
            ["Ingest:Arxiv:MaxRetries"] = "0",
            ["Ingest:Arxiv:PageRetries"] = "0",
        });
        var (baseline, fixedQueries, bearer) = await SeedAsync(app);
        var plan = new HostilePlan(baseline, full);
        using var anonymous = HostileSession.Anonymous(app.BaseAddress);
        using var signedIn = await HostileSession.SignedInAsync(app.BaseAddress, "ada", TestUser.Password);
        using var token = HostileSession.WithToken(app.BaseAddress, bearer);
        var catalog = await EndpointCatalog.ReadAsync(app.Services);
        string? FixedQuery(HostileTarget target) => fixedQueries.GetValueOrDefault(plan.BaselinePath(target));

        // Render every page as both visitors: who may see it, and the post forms each one is shown.
        var onlySignedIn = new HashSet<HostileTarget>();
        var forms = new List<(HostileSession Session, RenderedForm Form)>();
        foreach (var page in catalog.Where(t => t.IsPage && t.Method == "GET"))
        {
            foreach (var session in new[] { anonymous, signedIn })
            {
                var path = plan.BaselinePath(page) + (FixedQuery(page) is { } query ? "?" + query : "");
                using var response = await session.Client.GetAsync(path, TestContext.Current.CancellationToken);
                if (session == anonymous && (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || response.Headers.Location?.OriginalString.Contains("/account/signin", StringComparison.Ordinal) == true))
                {
                    onlySignedIn.Add(page);
                }

                forms.AddRange(RenderedForms.Read(new Uri(app.BaseAddress, path), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Select(f => (session, f)));
            }
        }

        anonymous.AntiforgeryToken = forms.FirstOrDefault(f => f.Session == anonymous && f.Form.AntiforgeryToken is not null).Form?.AntiforgeryToken;
        var posts = catalog.Where(t => t.IsPage && t.Method == "POST").ToList();
        HostileTarget? PostedBy(Uri action) => posts
            .Where(t => HostilePlan.Posts(t, action))
            .OrderBy(t => t.Route.Parameters.Any(p => p.IsCatchAll))
            .ThenBy(t => t.Route.Parameters.Count)
            .FirstOrDefault();

        IEnumerable<HostileRequest> Requests(HostileTarget target)
        {
            if (target.Method == "GET")
            {
                var sessions = full ? [anonymous, signedIn] : new[] { onlySignedIn.Contains(target) ? signedIn : anonymous };
                return sessions.SelectMany(s => plan.ForQuery(target, s, FixedQuery(target)));
            }

            if (target.IsPage && target.Method == "POST" && target.Pattern.TrimStart('/') == "account/delete")
            {
                // The form's valid neighbours include the signed-in user's real password (RenderedForms fills every
                // password field with it), so nearly every request here would delete ada for good and every later one
                // would fail to sign in. AccountDeletionTests covers its bad input (wrong password, no choice, no
                // antiforgery token, rate limit); DELETE /api/account, the same code, is attacked below.
                return [];
            }

            if (target.IsPage)
            {
                var shown = forms.Where(f => PostedBy(f.Form.Action) == target).DistinctBy(f => f.Session).ToList();
                if (shown.Count == 0)
                {
                    // No page renders this form (for these visitors): post what the handler binds, signed in.
                    var query = string.Join('&', new[] { target.PageHandler is null ? null : "handler=" + target.PageHandler, FixedQuery(target) }.Where(q => q is not null));
                    var action = new Uri(app.BaseAddress, plan.BaselinePath(target) + (query.Length > 0 ? "?" + query : ""));
                    return plan.ForForm(target, signedIn, action, []);
                }

                return (full ? shown : shown.Take(1)).SelectMany(f => plan.ForForm(target, f.Session, f.Form.Action, f.Form.Fields));
            }

            return (full ? [token, signedIn, anonymous] : new[] { token }).SelectMany(s => plan.ForQuery(target, s));
        }

        // /readyz answers 503 until this node's search index has caught up with the seeded catalog, rightly; the
        // suite asks it for hostile parameters once it is ready, as a load balancer would.
        await UntilReadyAsync(anonymous.Client);
        var run = new HostileRun(KnownFailure);
        await run.SendAsync(catalog.SelectMany(Requests), TestContext.Current.CancellationToken);

        var summary = run.Summary(full);
        TestContext.Current.TestOutputHelper?.WriteLine(summary + run.Breakdown());
        if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, summary + run.Breakdown(), TestContext.Current.CancellationToken);
        }

        Assert.True(catalog.Count > 40, $"only {catalog.Count} endpoint methods found in the route table");
        Assert.False(run.UnexpectedFailures.Any(), summary);
    }

    private static async Task UntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "/readyz did not turn ready within 60 s: " + await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static string? KnownFailure(HostileRequest request) => KnownFailures
        .Where(k => k.Method == request.Method && request.Url.StartsWith(k.PathPrefix, StringComparison.Ordinal) && k.Parameter == request.Parameter)
        .Select(k => k.Because)
        .FirstOrDefault();

    /// <summary>
    /// What the baselines point at: a paper in the latest feed day, ada's public collection with it, her comment on it,
    /// an organization she belongs to, and a digest subscriber (whose manage and confirm links take a token).
    /// </summary>
    private static async Task<(HostileBaseline, Dictionary<string, string>, string Bearer)> SeedAsync(TestApp app)
    {
        var ada = await TestUser.CreateAsync(app, "ada", Roles.Admin);
        var bot = await TestUser.CreateAsync(app, "bot", Roles.Admin);
        var paperId = await app.QueryAsync(db => db.FeedEntries.OrderByDescending(e => e.FeedDate).ThenBy(e => e.PaperId).Select(e => e.PaperId).FirstAsync());

        var collection = await JsonAsync(await ada.SendAsync(HttpMethod.Post, "/api/collections", new { name = "Reading list", description = "Seeded", @public = true }));
        var collectionId = collection.GetProperty("id").GetInt64();
        await JsonAsync(await ada.SendAsync(HttpMethod.Post, $"/api/collections/{collectionId}/items", new { paper = paperId, note = "first" }));
        var comment = await JsonAsync(await ada.SendAsync(HttpMethod.Post, $"/api/papers/{paperId}/comments", new { text = "A seeded comment" }));
        await JsonAsync(await ada.SendAsync(HttpMethod.Post, "/api/organizations", new { name = "acme", fullName = "Acme Research" }));
        await JsonAsync(await ada.SendAsync(HttpMethod.Post, "/api/organizations/acme/members/ada"));

        // Two subscribers: confirming one changes its link stamp, which would break the other's manage link.
        var reader = await app.AddActiveSubscriberAsync("reader@example.org");
        var newcomer = await app.AddActiveSubscriberAsync("newcomer@example.org", s =>
        {
            s.Status = SubscriptionStatus.Pending;
            s.ConfirmedAt = null;
        });
        await using var scope = app.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<DigestTokens>();
        var manage = "token=" + Uri.EscapeDataString(tokens.ForManaging(reader));
        var fixedQueries = new Dictionary<string, string>
        {
            ["/digest/manage"] = manage,
            ["/digest/unsubscribe"] = manage,
            ["/digest/confirm"] = "token=" + Uri.EscapeDataString(tokens.ForConfirmation(newcomer, TimeSpan.FromDays(1))),
        };

        var baseline = new HostileBaseline(paperId, collectionId, collection.GetProperty("slug").GetString()!, comment.GetProperty("id").GetInt64(), "acme", "ada");
        return (baseline, fixedQueries, bot.Token);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"seeding: {response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>A loopback port that is bound but never listens: connections to it are refused at once, for the whole run.</summary>
    private static Socket ClosedPort(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }
}
