using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Tests.Digests;

/// <summary>The schedule: daily at the configured time for the previous feed day, weekly on each subscriber's day, weekends skipped by choice, one sender among many.</summary>
public class ScheduleTests
{
    [Fact]
    public void The_daily_run_is_next_at_the_configured_time_and_sends_the_day_before()
    {
        var next = ScheduledDigests.NextRun(TestApp.Now, new TimeOnly(7, 0));

        Assert.Equal(new DateTimeOffset(2026, 5, 30, 7, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateOnly(2026, 5, 29), ScheduledDigests.PeriodOf(next));
        Assert.Equal(next.AddDays(1), ScheduledDigests.NextRun(next, new TimeOnly(7, 0)));
    }

    [Fact]
    public async Task The_hosted_schedule_sends_at_its_time_without_anyone_asking()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink, new Dictionary<string, string?>
        {
            ["Digests:Schedule:Enabled"] = "true",
            ["Digests:Schedule:TimeUtc"] = "12:30",
        });
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        await app.AddActiveSubscriberAsync(reader);

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        var digest = Assert.Single(await sink.WaitForAsync(reader));
        Assert.Equal("Trending papers — Thu 28 May 2026", digest.Subject);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Weekly_readers_get_their_week_on_their_day_and_weekend_skippers_get_no_saturday_digest(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(2);
        await app.AddPeriodPapersAsync(2, first: 10, day: new DateOnly(2026, 5, 25)); // Monday of the same week
        await app.AddPeriodPapersAsync(2, first: 20, day: new DateOnly(2026, 5, 30)); // Saturday
        var weekdays = SmtpSink.NewAddress("weekdays");
        var everyDay = SmtpSink.NewAddress("everyday");
        var friday = SmtpSink.NewAddress("friday");
        var monday = SmtpSink.NewAddress("monday");
        await app.AddActiveSubscriberAsync(weekdays);
        await app.AddActiveSubscriberAsync(everyDay, s => s.SkipWeekends = false);
        await app.AddActiveSubscriberAsync(friday, s => (s.Frequency, s.Weekday) = (DigestFrequency.Weekly, DayOfWeek.Friday));
        await app.AddActiveSubscriberAsync(monday, s => (s.Frequency, s.Weekday) = (DigestFrequency.Weekly, DayOfWeek.Monday));

        await app.RunAsync(new DateOnly(2026, 5, 28)); // Thursday's papers, mailed Friday morning
        await app.RunAsync(new DateOnly(2026, 5, 30)); // Saturday's, mailed Sunday

        Assert.Single(await sink.WaitForAsync(weekdays));
        Assert.Equal(2, (await sink.WaitForAsync(everyDay, 2)).Count);
        Assert.Empty(sink.To(monday));
        var week = Assert.Single(await sink.WaitForAsync(friday));
        Assert.Equal("Trending papers — week of Fri 22 May 2026", week.Subject);
        Assert.Contains("Digest paper 10", week.TextBody, StringComparison.Ordinal); // Monday's paper is in the week
        Assert.DoesNotContain("Digest paper 20", week.TextBody, StringComparison.Ordinal); // Saturday's is not
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_nodes_running_at_once_send_each_digest_once(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var domain = SmtpSink.NewDomain("nodes");
        await app.AddActiveSubscribersAsync(domain, 200);

        // Two scopes, two lease holders: what two nodes' timers firing together look like to the database.
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var runs = await Task.WhenAll(
            first.ServiceProvider.GetRequiredService<DigestRun>().RunAsync(DigestKit.Period, TestContext.Current.CancellationToken),
            second.ServiceProvider.GetRequiredService<DigestRun>().RunAsync(DigestKit.Period, TestContext.Current.CancellationToken));

        Assert.Equal(200, runs.Sum(r => r?.Sent ?? 0));
        var counts = sink.CountByRecipient(domain);
        Assert.Equal(200, counts.Count);
        Assert.DoesNotContain(counts, c => c.Value != 1);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_run_waits_while_another_node_holds_the_lease_and_takes_over_when_it_expires(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        await app.AddActiveSubscriberAsync(reader);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(DigestRun.LeaseName, "a node that died", TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        var run = scope.ServiceProvider.GetRequiredService<DigestRun>();

        Assert.Null(await run.RunAsync(DigestKit.Period, TestContext.Current.CancellationToken));
        Assert.Empty(sink.To(reader));

        app.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await run.RunAsync(DigestKit.Period, TestContext.Current.CancellationToken))?.Sent);
        Assert.Single(await sink.WaitForAsync(reader));
    }
}
