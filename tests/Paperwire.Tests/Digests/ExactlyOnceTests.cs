using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Digests;
using Paperwire.Storage;
using Paperwire.Tests.Cli;

namespace Paperwire.Tests.Digests;

/// <summary>
/// Every subscriber of a period gets exactly one digest: when the same period is run again, and when the real
/// <c>paperwire digest send</c> is killed with SIGKILL at random points mid-run and started again. Across a kill
/// SMTP allows no better than one digest (the one in flight, if the kill falls between its terminator and its
/// record) arriving twice with the same Message-ID, which a mailbox that drops repeated Message-IDs shows once;
/// that is what the crash test allows, and it reports how many copies were repeated (docs/digests.md).
/// </summary>
[Collection(SmtpLoad.Name)]
public class ExactlyOnceTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Running_a_period_again_sends_nothing_new(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var domain = SmtpSink.NewDomain("again");
        var readers = await app.AddActiveSubscribersAsync(domain, 20);

        var first = await app.RunAsync();
        var second = await app.RunAsync();

        Assert.Equal((20, 0), (first.Sent, second.Sent));
        var counts = sink.CountByRecipient(domain);
        Assert.Equal(readers.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, n => Assert.Equal(1, n));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_sender_killed_mid_run_and_restarted_delivers_every_digest_exactly_once(DatabaseProvider provider)
    {
        const int Subscribers = 1500;
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(5);
        var domain = SmtpSink.NewDomain("crash");
        var readers = await app.AddActiveSubscribersAsync(domain, Subscribers);
        var random = new Random();
        var kills = 0;

        for (var i = 0; i < 4; i++)
        {
            using var sender = StartSender(app, sink);
            var before = await SentAsync(app);
            // Kill it once it is visibly sending, a random moment later.
            var deadline = Stopwatch.StartNew();
            while (await SentAsync(app) <= before && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            await Task.Delay(random.Next(50, 700), TestContext.Current.CancellationToken);
            sender.Kill();
            kills++;
            output.WriteLine($"{provider}: kill {kills} with {await SentAsync(app)} recorded as sent");
        }

        var stopped = await SentAsync(app);
        Assert.True(stopped < Subscribers, $"the run finished before the last kill ({stopped} sent); the test proves nothing");

        using (var last = StartSender(app, sink))
        {
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(120)));
            Assert.Contains("Digest 2026-05-28:", last.Output);
        }

        Assert.Equal(4, kills);
        Assert.Equal(Subscribers, await SentAsync(app));
        var copies = sink.MessageIdsByRecipient(domain);
        Assert.Equal(readers.Order(StringComparer.Ordinal), copies.Keys.Order(StringComparer.Ordinal));
        // One digest per subscriber: every copy a subscriber got carries the same Message-ID (none lost, none different).
        Assert.DoesNotContain(copies, c => c.Value.Distinct(StringComparer.Ordinal).Count() != 1);
        var repeated = copies.Values.Sum(ids => ids.Count - 1);
        output.WriteLine($"{provider}: {kills} kills, {copies.Values.Sum(ids => ids.Count)} copies for {Subscribers} subscribers, {repeated} repeated");
        foreach (var (address, ids) in copies.Where(c => c.Value.Count > 1))
        {
            output.WriteLine($"{provider}: {address} got {ids.Count} copies of {ids[0]}");
        }

        // Each kill can repeat at most the one message that was in flight.
        Assert.InRange(repeated, 0, kills);
    }

    private static PaperwireProcess StartSender(TestApp app, SmtpSink sink) => PaperwireProcess.Start(
        new Dictionary<string, string>
        {
            ["Digests__Smtp__Host"] = sink.Host,
            ["Digests__Smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Digests__Smtp__Security"] = "None",
            // Slow enough to be killed mid-run; a dead sender's lease expires quickly so the next one can start.
            ["Digests__Smtp__MessagesPerSecond"] = "300",
            ["Digests__LeaseDuration"] = "00:00:02",
            ["Digests__BatchSize"] = "50",
        },
        "digest", "send", "--period", "2026-05-28", "--data", app.Database.DataDirectory, "--database", app.Database.Settings.ConnectionString);

    private static Task<int> SentAsync(TestApp app) =>
        app.QueryAsync(db => db.DigestDeliveries.CountAsync(d => d.Status == DeliveryStatus.Sent));
}
