using Paperwire.Core.Digests;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>
/// A server that says "try later" (4xx) gets the digest again after a growing backoff; one that says "no such
/// user" (5xx) does not, and after the configured number of such answers in a row the subscription is suspended.
/// </summary>
public class DeliveryFailureTests
{
    private static readonly Dictionary<string, string?> Rules = new()
    {
        ["Digests:MaxAttempts"] = "4",
        ["Digests:RetryBackoff"] = "00:01:00",
        ["Digests:MaxConsecutiveFailures"] = "2",
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Temporary_refusals_are_retried_with_growing_backoff_until_delivered(DatabaseProvider provider)
    {
        await using var server = new ScriptedSmtpServer();
        await using var app = await StartAsync(provider, server);
        var reader = SmtpSink.NewAddress("busy");
        await app.AddActiveSubscriberAsync(reader);
        server.RecipientReply = _ => 451;

        Assert.Equal(1, (await app.RunAsync()).Retrying);
        var row = Assert.Single(await app.DeliveriesAsync(reader));
        Assert.Equal((DeliveryStatus.Pending, 1, TestApp.Now.AddMinutes(1)), (row.Status, row.Attempts, row.NextAttemptAt));
        Assert.Contains("451", row.LastError, StringComparison.Ordinal);

        // Before the backoff has passed nothing is tried; after it, once more, and the next wait doubles.
        await app.RetryAsync();
        Assert.Single(server.Attempts);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.RetryAsync();
        Assert.Equal(2, server.Attempts.Count);
        row = Assert.Single(await app.DeliveriesAsync(reader));
        Assert.Equal(TestApp.Now.AddMinutes(1 + 2), row.NextAttemptAt);

        server.RecipientReply = _ => 250;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await app.RetryAsync()).Sent);
        Assert.Equal([reader], server.Delivered);
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(await app.DeliveriesAsync(reader)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Permanent_refusals_fail_at_once_and_suspend_the_subscription_after_the_limit(DatabaseProvider provider)
    {
        await using var server = new ScriptedSmtpServer();
        await using var app = await StartAsync(provider, server);
        var gone = SmtpSink.NewAddress("gone");
        var fine = SmtpSink.NewAddress("fine");
        await app.AddActiveSubscriberAsync(gone, s => s.SkipWeekends = false);
        await app.AddActiveSubscriberAsync(fine, s => s.SkipWeekends = false);
        server.RecipientReply = address => address == gone ? 550 : 250;

        var first = await app.RunAsync();
        Assert.Equal((1, 1, 0), (first.Sent, first.Failed, first.Retrying));
        Assert.Equal((SubscriptionStatus.Active, 1), Status(await app.SubscriptionAsync(gone)));
        Assert.Equal(DeliveryStatus.Failed, Assert.Single(await app.DeliveriesAsync(gone)).Status);

        await app.RunAsync(DigestKit.Period.AddDays(1));
        Assert.Equal((SubscriptionStatus.Suspended, 2), Status(await app.SubscriptionAsync(gone)));

        // Suspended: the next run does not even try; the other reader keeps getting every digest.
        await app.RunAsync(DigestKit.Period.AddDays(2));
        Assert.Equal(2, server.Attempts.Count(a => a == gone));
        Assert.Equal(3, server.Delivered.Count(a => a == fine));
        Assert.Equal((SubscriptionStatus.Active, 0), Status(await app.SubscriptionAsync(fine)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_delivery_resets_the_count_of_permanent_failures(DatabaseProvider provider)
    {
        await using var server = new ScriptedSmtpServer();
        await using var app = await StartAsync(provider, server);
        var flaky = SmtpSink.NewAddress("flaky");
        await app.AddActiveSubscriberAsync(flaky, s => s.SkipWeekends = false);

        server.RecipientReply = _ => 550;
        await app.RunAsync();
        server.RecipientReply = _ => 250;
        await app.RunAsync(DigestKit.Period.AddDays(1));
        server.RecipientReply = _ => 550;
        await app.RunAsync(DigestKit.Period.AddDays(2));

        Assert.Equal((SubscriptionStatus.Active, 1), Status(await app.SubscriptionAsync(flaky)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_digest_is_recorded_as_sent_once_its_terminator_is_sent_without_waiting_for_the_answer(DatabaseProvider provider)
    {
        await using var server = new ScriptedSmtpServer();
        await using var app = await StartAsync(provider, server);
        var reader = SmtpSink.NewAddress();
        await app.AddActiveSubscriberAsync(reader);
        var atData = new List<DeliveryStatus>();
        var atTerminator = new List<DeliveryStatus>();
        server.OnData = async _ => atData.Add(Assert.Single(await app.DeliveriesAsync(reader)).Status);
        // The server holds its answer back: the row must become Sent without it (the client records it between
        // writing the terminator and reading the answer), or this waits out its 30 seconds and sees Pending.
        server.OnTerminator = async _ =>
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            DeliveryStatus status;
            while ((status = Assert.Single(await app.DeliveriesAsync(reader)).Status) != DeliveryStatus.Sent && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }

            atTerminator.Add(status);
        };

        Assert.Equal(1, (await app.RunAsync()).Sent);

        Assert.Equal([DeliveryStatus.Pending], atData);
        Assert.Equal([DeliveryStatus.Sent], atTerminator);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_refusal_after_the_whole_message_undoes_the_record_retrying_4xx_and_failing_5xx(DatabaseProvider provider)
    {
        await using var server = new ScriptedSmtpServer();
        await using var app = await StartAsync(provider, server);
        var busy = SmtpSink.NewAddress("busy");
        var refused = SmtpSink.NewAddress("refused");
        await app.AddActiveSubscriberAsync(busy);
        await app.AddActiveSubscriberAsync(refused);
        server.TerminatorReply = to => to == busy ? 451 : 554;

        var first = await app.RunAsync();

        Assert.Equal((0, 1, 1), (first.Sent, first.Failed, first.Retrying));
        var busyRow = Assert.Single(await app.DeliveriesAsync(busy));
        var refusedRow = Assert.Single(await app.DeliveriesAsync(refused));
        Assert.Equal((DeliveryStatus.Pending, (DateTimeOffset?)null), (busyRow.Status, busyRow.SentAt));
        Assert.Equal((DeliveryStatus.Failed, (DateTimeOffset?)null), (refusedRow.Status, refusedRow.SentAt));
        Assert.Contains("554", refusedRow.LastError, StringComparison.Ordinal);

        server.TerminatorReply = _ => 250;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await app.RetryAsync()).Sent);
        Assert.Equal([busy], server.Delivered);
    }

    private static async Task<TestApp> StartAsync(DatabaseProvider provider, ScriptedSmtpServer server)
    {
        var settings = server.Settings();
        foreach (var (key, value) in Rules)
        {
            settings[key] = value;
        }

        var app = await TestApp.StartAsync(provider, settings: settings);
        await app.AddPeriodPapersAsync(3);
        await app.AddPeriodPapersAsync(3, first: 20, day: DigestKit.Period.AddDays(1));
        await app.AddPeriodPapersAsync(3, first: 40, day: DigestKit.Period.AddDays(2));
        return app;
    }

    private static (SubscriptionStatus, int) Status(DigestSubscription? subscription) => (subscription!.Status, subscription.ConsecutiveFailures);
}
