using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Digests;
using Paperwire.Core.Papers;
using Paperwire.Digests;
using Paperwire.Storage;
using Paperwire.Tests.Accounts;
using Paperwire.Tests.Cli;

namespace Paperwire.Tests.Cluster;

/// <summary>
/// Two real <c>paperwire serve</c> processes on one PostgreSQL database behind a real HAProxy (docs/operations.md):
/// a session and an antiforgery token from one node work on the other, a vote shows on both, the scheduled harvest and
/// digest run once, a digest sender killed with SIGKILL is taken over by the other node, and a third node that joins
/// is ready with its vector index built from the stored vectors, without loading the model.
/// </summary>
[Trait("Category", "Cluster")]
public sealed partial class ClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Subscribers = 10;

    /// <summary>Papers per embedding claim (the default): at most one claim's worth is embedded again after a kill.</summary>
    private const int EmbeddingClaim = 64;

    /// <summary>The harvest and digest times must lie after both nodes' start; with a busy CI machine in mind.</summary>
    private static readonly TimeSpan StartMargin = TimeSpan.FromSeconds(40);

    private readonly Dictionary<string, PaperwireProcess> nodes = new(StringComparer.Ordinal);
    private readonly List<string> folders = [];
    private TestApp? database;
    private FixtureServer? arxiv;
    private HaProxy? proxy;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_behind_HAProxy_share_sessions_votes_and_jobs_and_a_third_joins_without_running_the_model()
    {
        var haproxy = HaProxy.Find();
        RequiredComponent.Require(haproxy is not null, "HAProxy", "apt-get install haproxy, or run ./test.sh as root, which installs it");
        var sink = SmtpSink.Require();
        var clock = Stopwatch.StartNew();

        // The database (migrated by an in-process app this test uses to write and read rows), arXiv, the proxy.
        database = await TestApp.StartAsync(DatabaseProvider.Postgres, demo: false);
        arxiv = (await FixtureServer.StartAsync()).OnOaiCsPages();
        var ports = new Dictionary<string, int>(StringComparer.Ordinal) { ["a"] = HaProxy.FreePort(), ["b"] = HaProxy.FreePort(), ["c"] = HaProxy.FreePort() };
        proxy = await HaProxy.StartAsync(haproxy!, ports);

        // Both nodes' timers fire at the same moment: the harvest, then the digest of the day before.
        var harvestAt = DateTimeOffset.UtcNow + StartMargin;
        var digestAt = harvestAt.AddSeconds(5);
        var period = DateOnly.FromDateTime(digestAt.UtcDateTime).AddDays(-1);
        var papers = await SeedAsync(period);
        var domain = SmtpSink.NewDomain("cluster");
        await AddSubscribersAsync(domain);

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: database, arXiv fixture and proxy ready; starting nodes a and b");
        var settings = NodeSettings(sink, harvestAt, digestAt);
        StartNode("a", ports["a"], settings);
        StartNode("b", ports["b"], settings);
        await UntilAsync(() => ReadyAsync(proxy.Pinned["a"]), "node a is ready through its pinned proxy port");
        await UntilAsync(() => ReadyAsync(proxy.Pinned["b"]), "node b is ready through its pinned proxy port");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: both nodes ready; harvest at {harvestAt:HH:mm:ss}, digest at {digestAt:HH:mm:ss}");
        Assert.True(DateTimeOffset.UtcNow < harvestAt, "the nodes were ready only after the scheduled harvest time; the machine is too busy for StartMargin");

        // Sign up on a, confirm the mailed link on b, sign in on a, vote on b with a's cookies and antiforgery token.
        var votedPaper = papers[0];
        var jar = new CookieContainer();
        using var onA = new BrowserSession(proxy.Pinned["a"], jar);
        using var onB = new BrowserSession(proxy.Pinned["b"], jar);
        var email = SmtpSink.NewAddress("member");
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignUpAsync("clustermember", email)).Status);
        var confirmation = Assert.Single(await sink.WaitForAsync(email));
        var confirmed = await onB.GetAsync(Mailbox.LinkIn(confirmation));
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        var signedIn = await onA.SignInAsync("clustermember");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.True(signedIn.SetsAuthCookie());
        var dayPage = await onA.GetAsync($"/papers/date/{period:yyyy-MM-dd}");
        Assert.Equal("a", dayPage.Header("X-Paperwire-Node"));
        Assert.True(dayPage.IsSignedInAs("clustermember"), "node a does not show the member signed in");
        Assert.True((await onB.GetAsync($"/papers/date/{period:yyyy-MM-dd}")).IsSignedInAs("clustermember"), "node b does not accept node a's session cookie");

        var before = await UpvotesAsync(proxy.Pinned["a"], votedPaper.Id);
        var vote = await onB.SubmitAsync(dayPage, new Dictionary<string, string> { ["up"] = "true" }, VoteAction(dayPage.Html, votedPaper.Id));
        Assert.True(vote.Status == HttpStatusCode.Redirect, $"the vote through node b answered {(int)vote.Status}: {vote.Text}");
        Assert.Equal("b", vote.Header("X-Paperwire-Node"));
        var voted = Stopwatch.StartNew();
        await UntilAsync(async () => await UpvotesAsync(proxy.Pinned["a"], votedPaper.Id) == before + 1, "the vote shows on node a");
        await UntilAsync(async () => await UpvotesAsync(proxy.Pinned["b"], votedPaper.Id) == before + 1, "the vote shows on node b");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: the vote showed on both nodes {voted.Elapsed.TotalSeconds:F1} s after it was cast (cache poll interval 2 s)");

        // The scheduled harvest: one node harvests the three pages once, the other finds the lease taken.
        await UntilAsync(async () => await database.QueryAsync(db => db.HarvestCheckpoints.AnyAsync(c => c.Completed, Cancel)), "the scheduled harvest completes", TimeSpan.FromSeconds(120));
        await UntilAsync(() => Task.FromResult(Count("Scheduled harvest of set cs") + Count("Scheduled harvest skipped") == 2), "both nodes' harvest timers fired");
        Assert.Equal(1, Count("Scheduled harvest of set cs"));
        Assert.Equal(1, Count("Scheduled harvest skipped: another node holds the harvest lease"));
        Assert.Single(arxiv.RequestsFor("/oai", "resumptionToken", null));
        Assert.Equal(3, arxiv.Requests.Count);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: harvested once");

        // The digest: one node queues and starts sending; it is killed mid-run and the other sends the rest.
        var holder = await UntilAsync(async () =>
        {
            var sent = await SentAsync();
            var lease = await database.QueryAsync(db => db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Job == DigestRun.LeaseName, Cancel));
            return sent >= 2 && lease is not null ? NodeHolding(lease.Holder) : null;
        }, "a node is sending the digest", TimeSpan.FromSeconds(120));
        var sentAtKill = await SentAsync();
        nodes[holder].Kill();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: killed node {holder} (SIGKILL) with {sentAtKill} of {Subscribers} digests sent");
        Assert.True(sentAtKill < Subscribers, "the digest run finished before the kill; the test proves nothing");
        var survivor = holder == "a" ? "b" : "a";
        await UntilAsync(async () => await SentAsync() == Subscribers, $"node {survivor} sends the rest of the digest", TimeSpan.FromSeconds(120));
        Assert.Equal(1, Count("digests queued", $"{Subscribers} digests queued"));
        var copies = sink.MessageIdsByRecipient(domain);
        Assert.Equal(Subscribers, copies.Count);
        // One digest each: a copy repeated across the kill (the one in flight) carries the same Message-ID.
        Assert.All(copies.Values, ids => Assert.Single(ids.Distinct(StringComparer.Ordinal)));
        Assert.InRange(copies.Values.Sum(ids => ids.Count), Subscribers, Subscribers + 1);
        Assert.Equal(Subscribers, await database.QueryAsync(db => db.DigestDeliveries.CountAsync(Cancel)));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: node {survivor} finished the digest");

        // The proxy sends every reader to the survivor, without an error, once it has noticed.
        await UntilAsync(async () => !await ReadyAsync(proxy.Pinned[holder]), $"node {holder} is gone");
        using var reader = new BrowserSession(proxy.Balanced);
        for (var i = 0; i < 10; i++)
        {
            var page = await reader.GetAsync($"/api/papers/{votedPaper.Id}");
            Assert.True(page.Status == HttpStatusCode.OK, $"request {i} through the proxy answered {(int)page.Status}: {page.Text}");
            Assert.Equal(survivor, page.Header("X-Paperwire-Node"));
        }

        // A third node with an empty data folder: ready, vectors included, and the model never loaded.
        await UntilAsync(async () => await database.QueryAsync(db => db.EmbeddingQueue.CountAsync(Cancel)) == 0, "every paper is embedded", TimeSpan.FromSeconds(120));
        var vectors = await database.QueryAsync(db => db.PaperEmbeddings.CountAsync(e => e.Vector != null, Cancel));
        Assert.Equal(await database.QueryAsync(db => db.Papers.CountAsync(p => !p.Withdrawn, Cancel)), vectors);
        Assert.True(vectors > papers.Count, "the harvested papers have no vectors");
        // Nodes a and b ran the model for every paper between them; the check on node c below would have seen it.
        Assert.InRange(ModelRuns(nodes["a"]) + ModelRuns(nodes["b"]), vectors, vectors + EmbeddingClaim);
        Assert.True(ModelRuns(nodes[survivor]) == 0 || UsesOnnxRuntime(nodes[survivor]), $"node {survivor} ran the model without ONNX Runtime in its memory map");
        StartNode("c", ports["c"], settings);
        await UntilAsync(async () => await ReadinessAsync(new Uri($"http://127.0.0.1:{ports["c"]}/")) == "Healthy", "node c is ready with its vector index complete");
        Assert.False(UsesOnnxRuntime(nodes["c"]), "node c loaded ONNX Runtime: it ran the model");
        Assert.Equal(0, ModelRuns(nodes["c"]));
        using (var onC = new BrowserSession(proxy.Pinned["c"]))
        {
            var similar = await onC.GetAsync($"/api/papers/{votedPaper.Id}/similar?limit=3");
            Assert.Equal(HttpStatusCode.OK, similar.Status);
            Assert.Equal(3, JsonDocument.Parse(similar.Html).RootElement.GetArrayLength());
        }

        Assert.False(UsesOnnxRuntime(nodes["c"]), "similar papers on node c loaded the model");
        await UntilAsync(async () => (await reader.GetAsync("/robots.txt")).Header("X-Paperwire-Node") == "c", "the proxy sends readers to node c too");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: node c joined without running the model");
    }

    /// <summary>Papers in the feed of <paramref name="day"/> (the digest's period), to vote on and to mail.</summary>
    private async Task<IReadOnlyList<Paper>> SeedAsync(DateOnly day)
    {
        var papers = Enumerable.Range(1, 6).Select(i =>
        {
            var paper = PaperFactory.InFeed($"2612.{90000 + i}", day, upvotes: 10 - i, title: $"Cluster paper {i} on tidal energy storage", authors: ["Grace Hopper"]);
            paper.Summary = $"Variant {i} of a study of tidal lagoons that store energy by pumping water at {i * 3} metres of head.";
            paper.Categories = ["physics.geo-ph"];
            return paper;
        }).ToArray();
        await database!.AddPapersAsync(papers);
        return papers;
    }

    private async Task AddSubscribersAsync(string domain) => await database!.QueryAsync(async db =>
    {
        db.DigestSubscriptions.AddRange(Enumerable.Range(0, Subscribers).Select(i => new DigestSubscription
        {
            Email = $"r{i}@{domain}",
            NormalizedEmail = $"r{i}@{domain}",
            TokenStamp = DigestTokens.NewStamp(),
            Status = SubscriptionStatus.Active,
            SkipWeekends = false,
            CreatedAt = DateTimeOffset.UtcNow,
            ConfirmedAt = DateTimeOffset.UtcNow,
        }));
        return await db.SaveChangesAsync(Cancel);
    });

    /// <summary>What every node gets: the shared database, arXiv and SMTP, and schedules and leases short enough for a test.</summary>
    private Dictionary<string, string> NodeSettings(SmtpSink sink, DateTimeOffset harvestAt, DateTimeOffset digestAt) => new()
    {
        ["Paperwire__Database"] = database!.Database.Settings.ConnectionString,
        ["Paperwire__PublicBaseUrl"] = proxy!.Balanced.ToString(),
        ["Paperwire__DemoCorpus__Enabled"] = "false",
        ["Paperwire__DemoCorpus__ArxivSample"] = "false",
        ["Ingest__Schedule__TimeUtc"] = harvestAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        ["Ingest__Schedule__Sets"] = "cs",
        ["Ingest__TitleMatch__Enabled"] = "false",
        ["Paperwire__Thumbnails__Enabled"] = "false",
        ["Ingest__Arxiv__OaiBaseUrl"] = arxiv!.OaiUrl.ToString(),
        ["Ingest__Arxiv__ApiBaseUrl"] = arxiv.ApiUrl.ToString(),
        ["Ingest__Arxiv__MinimumInterval"] = "00:00:00",
        ["Ingest__Arxiv__Contact"] = "cluster-tests@example.org",
        ["Digests__Smtp__Host"] = sink.Host,
        ["Digests__Smtp__Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
        ["Digests__Smtp__Security"] = "None",
        ["Digests__Schedule__TimeUtc"] = digestAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        ["Digests__Schedule__RetryInterval"] = "00:00:01",
        // Slow enough to be killed mid-run (one digest per batch, two a second); a dead sender's lease expires in 3 s.
        ["Digests__Smtp__MessagesPerSecond"] = "2",
        ["Digests__BatchSize"] = "1",
        ["Digests__LeaseDuration"] = "00:00:03",
        ["Search__PollInterval"] = "00:00:00.500",
        ["Search__EmbeddingThreads"] = "1",
        ["Search__EmbeddingClaimDuration"] = "00:00:15",
        ["DOTNET_gcServer"] = "0",
    };

    private void StartNode(string name, int port, IReadOnlyDictionary<string, string> settings)
    {
        var data = Directory.CreateTempSubdirectory($"paperwire-node-{name}-").FullName;
        folders.Add(data);
        nodes[name] = PaperwireProcess.Start(settings, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data);
    }

    /// <summary>The node whose process holds a lease (holders are machine:pid:guid).</summary>
    private string? NodeHolding(string holder) =>
        nodes.FirstOrDefault(n => holder.Contains($":{n.Value.Id}:", StringComparison.Ordinal)).Key;

    /// <summary>Lines containing <paramref name="text"/> (and <paramref name="also"/>) across every node's output.</summary>
    private int Count(string text, string? also = null) => nodes.Values
        .SelectMany(n => n.Output.Split('\n'))
        .Count(line => line.Contains(text, StringComparison.Ordinal) && (also is null || line.Contains(also, StringComparison.Ordinal)));

    /// <summary>Papers the node's embedding worker ran through the model, by its log.</summary>
    private static int ModelRuns(PaperwireProcess node) =>
        ModelRunLines().Matches(node.Output).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(\d+) run through the model")]
    private static partial Regex ModelRunLines();

    private Task<int> SentAsync() =>
        database!.QueryAsync(db => db.DigestDeliveries.CountAsync(d => d.Status == DeliveryStatus.Sent, Cancel));

    /// <summary>Whether the process has ONNX Runtime's native library mapped: the model loads it on first use, nothing else does.</summary>
    private static bool UsesOnnxRuntime(PaperwireProcess node)
    {
        try
        {
            return File.ReadAllText($"/proc/{node.Id}/maps").Contains("libonnxruntime", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // the process is gone
        }
    }

    private static async Task<bool> ReadyAsync(Uri node) => await ReadinessAsync(node) is "Healthy" or "Degraded";

    /// <summary>The status in <c>/readyz</c>'s body, or null when the node does not answer 200.</summary>
    private static async Task<string?> ReadinessAsync(Uri node)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync("/readyz", Cancel);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            return body.RootElement.GetProperty("status").GetString();
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !Cancel.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<int> UpvotesAsync(Uri node, string paperId)
    {
        using var client = new HttpClient { BaseAddress = node };
        using var body = JsonDocument.Parse(await client.GetStringAsync($"/api/papers/{paperId}", Cancel));
        return body.RootElement.GetProperty("upvotes").GetInt32();
    }

    private static string VoteAction(string html, string paperId) =>
        WebUtility.HtmlDecode(Assert.Single(VoteForms().Matches(html), m => m.Groups[1].Value.Contains($"id={paperId}&", StringComparison.Ordinal)).Groups[1].Value);

    [GeneratedRegex("action=\"(/papers/vote\\?[^\"]+)\"")]
    private static partial Regex VoteForms();

    private static Task<string> UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(async () => await condition() ? "done" : null, what, timeout);

    /// <summary>Polls until <paramref name="value"/> is not null; the generous deadline only turns a hang into a failure.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T?>> value, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await value() is { } found)
            {
                return found;
            }

            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
            {
                Assert.Fail($"Waited {deadline.Elapsed.TotalSeconds:F0} s in vain until {what}");
            }

            await Task.Delay(100, Cancel);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, node) in nodes)
        {
            var pid = node.Id;
            node.Dispose();
            output.WriteLine($"===== node {name} (pid {pid}) =====\n{node.Output}");
        }

        if (proxy is not null)
        {
            proxy.Dispose();
            output.WriteLine($"===== HAProxy =====\n{proxy.Output}");
        }

        if (arxiv is not null)
        {
            await arxiv.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
