using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperwire.Backups;
using Paperwire.Storage;

namespace Paperwire.Tests.Backups;

/// <summary>Scheduled backups: when they run, that the oldest beyond Backup:Keep go, and that one node of many writes each.</summary>
public sealed class ScheduledBackupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-05-29T01:00:00Z", "2026-05-29T03:30:00Z")]
    [InlineData("2026-05-29T03:30:00Z", "2026-05-30T03:30:00Z")]
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01T03:30:00Z")]
    public void NextRun_IsTheNextDailySlotStrictlyAfterNow(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), ScheduledBackups.NextRun(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture), new TimeOnly(3, 30)));

    [Theory]
    [InlineData("3:30am")]
    [InlineData("25:00")]
    [InlineData("daily")]
    public async Task A_schedule_that_is_no_time_of_day_stops_the_start_with_a_clear_message(string schedule)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Backup:Schedule"] = schedule }));
        Assert.Contains("Backup:Schedule must be a UTC time of day such as 03:30", error.Message);
    }

    [Fact]
    public async Task Scheduled_backups_run_each_day_at_their_time_and_keep_only_the_newest()
    {
        await using var app = await TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?>
        {
            ["Backup:Schedule"] = "03:30",
            ["Backup:Keep"] = "2",
        });
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", new DateOnly(2026, 5, 28)));
        var folder = Path.Combine(app.Database.DataDirectory, "backups");
        var unrelated = Path.Combine(folder, "notes.txt");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(unrelated, "the operator's own file", Cancel);

        // The fake clock starts at 12:00 on 29 May. Day by day, it is moved to 03:30 only once the schedule waits for
        // that time, and on only once that day's backup is written and the schedule waits for the next: a clock moved
        // while a backup runs could make the schedule reckon from a later time and skip a day.
        var schedule = (ScheduledBackups)Assert.Single(app.Services.GetServices<Paperwire.Storage.Coordination.IScheduledJob>(), j => j.Name == ScheduledBackups.LeaseName);
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        for (var day = new DateOnly(2026, 5, 30); day <= new DateOnly(2026, 6, 1); day = day.AddDays(1))
        {
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(3, 30)), TimeSpan.Zero);
            await UntilAsync(() => schedule.WaitingFor == at, $"the schedule waits for {at:u}");
            app.Clock.Advance(at - app.Clock.GetUtcNow());
            await UntilAsync(() => schedule.WaitingFor == at.AddDays(1), $"the backup of {day} is written");
            seen.UnionWith(Archives(folder));
        }

        Assert.Equal(["paperwire-backup-20260530-", "paperwire-backup-20260531-", "paperwire-backup-20260601-"], seen.Select(name => name[..26]));
        Assert.Equal(seen.TakeLast(2), Archives(folder));
        Assert.True(File.Exists(unrelated), "files that are no scheduled backup stay");

        // The admin status page lists the job with its last run and the next.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var run = Assert.Single(await scope.ServiceProvider.GetRequiredService<Paperwire.Storage.Coordination.ScheduledJobRuns>().AllAsync(Cancel), r => r.Job == ScheduledBackups.LeaseName);
            Assert.Equal(Paperwire.Core.Operations.JobOutcome.Succeeded, run.Outcome);
            Assert.Contains(seen.Max!, run.Message, StringComparison.Ordinal);
            var job = Assert.Single(scope.ServiceProvider.GetServices<Paperwire.Storage.Coordination.IScheduledJob>(), j => j.Name == ScheduledBackups.LeaseName);
            Assert.StartsWith("daily at 03:30 UTC", job.Schedule, StringComparison.Ordinal);
            Assert.Equal(ScheduledBackups.NextRun(app.Clock.GetUtcNow(), new TimeOnly(3, 30)), job.NextRunAfter(app.Clock.GetUtcNow()));
        }

        // What the schedule wrote restores.
        var restored = Path.Combine(app.Database.DataDirectory, "restored");
        var manifest = await BackupRestorer.RestoreAsync(Path.Combine(folder, seen.Max!), restored, null, Cancel);
        Assert.Equal(1, manifest.Counts["papers"]);
    }

    [Fact]
    public async Task Of_two_nodes_one_backs_up_and_neither_again_the_same_day_but_the_next()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var folder = Path.Combine(app.Database.DataDirectory, "shared-backups");
        ScheduledBackups Node() => new(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<BackupWriter>(),
            app.Services.GetRequiredService<DatabaseSettings>(),
            Options.Create(new BackupOptions { Schedule = "03:30", Keep = 1, Directory = folder }),
            app.Clock,
            new TestOutputLogger<ScheduledBackups>());
        var (first, second) = (Node(), Node());

        var written = await Task.WhenAll(first.RunOnceAsync(Cancel), second.RunOnceAsync(Cancel));
        Assert.Single(written, path => path is not null);
        Assert.Null(await first.RunOnceAsync(Cancel));
        Assert.Null(await second.RunOnceAsync(Cancel));

        app.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await second.RunOnceAsync(Cancel);
        Assert.NotNull(tomorrow);
        Assert.Equal([Path.GetFileName(tomorrow)!], Archives(folder)); // Keep = 1
    }

    private static List<string> Archives(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder, "paperwire-backup-*.tar.gz").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)]
        : [];

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20, Cancel);
        }
    }
}
