using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Tests.Cli;

namespace Paperwire.Tests.Digests;

/// <summary><c>paperwire digest preview | send | read-unsubscribes</c> and <c>paperwire subscribers list | remove</c>, run as an operator would.</summary>
public class DigestCliTests
{
    [Fact]
    public async Task Preview_shows_a_subscribers_digest_as_text_or_writes_its_html()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        await app.AddActiveSubscriberAsync(reader, s => s.PaperCount = 2);
        var html = Path.Combine(app.Database.DataDirectory, "preview.html");

        var (text, textOutput) = await RunAsync(app, [], "digest", "preview", "--email", reader, "--period", "2026-05-28");
        var (file, fileOutput) = await RunAsync(app, [], "digest", "preview", "--email", reader, "--period", "2026-05-28", "--out", html);

        Assert.Equal(0, text);
        Assert.Contains("Trending papers — Thu 28 May 2026", textOutput, StringComparison.Ordinal);
        Assert.Contains("1. Digest paper 0", textOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("3. ", textOutput, StringComparison.Ordinal); // the subscriber asked for two
        Assert.Equal(0, file);
        Assert.Contains("2 papers", fileOutput, StringComparison.Ordinal);
        Assert.Contains("Digest paper 1</a>", await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(sink.To(reader)); // a preview sends nothing
    }

    [Fact]
    public async Task Preview_on_a_new_data_folder_says_the_catalog_is_empty_instead_of_printing_an_empty_digest()
    {
        var data = Directory.CreateTempSubdirectory("paperwire-preview-");
        try
        {
            var (exit, output) = await PaperwireProcess.RunAsync("digest", "preview", "--email", "ann@example.org", "--data", data.FullName);

            Assert.Equal(1, exit);
            Assert.Contains("error: the catalog is empty", output, StringComparison.Ordinal);
            Assert.Contains("`paperwire serve` loads the demo corpus", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Subject:", output, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Preview_of_a_catalog_without_a_feed_or_of_an_empty_day_says_why_and_names_the_newest_feed_day()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InCatalog("2605.00001", new DateOnly(2026, 5, 1)));

        var (noFeed, noFeedOutput) = await RunAsync(app, [], "digest", "preview", "--email", "ann@example.org", "--period", "2026-05-28");
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00002", new DateOnly(2026, 5, 28), title: "The only feed paper"));
        var (emptyDay, emptyDayOutput) = await RunAsync(app, [], "digest", "preview", "--email", "ann@example.org", "--period", "2026-05-20");
        var (fullDay, fullDayOutput) = await RunAsync(app, [], "digest", "preview", "--email", "ann@example.org", "--period", "2026-05-28");

        Assert.Equal((1, 1, 0), (noFeed, emptyDay, fullDay));
        Assert.Contains("error: the daily feed is empty", noFeedOutput, StringComparison.Ordinal);
        Assert.Contains("error: no digest for 2026-05-20: the daily feed has no papers in this period", emptyDayOutput, StringComparison.Ordinal);
        Assert.Contains("try --period 2026-05-28", emptyDayOutput, StringComparison.Ordinal);
        Assert.Contains("The only feed paper", fullDayOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_dry_run_counts_and_sends_nothing_then_send_delivers()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress();
        await app.AddActiveSubscriberAsync(reader);
        var smtp = SmtpEnvironment(sink);

        var (dry, dryOutput) = await RunAsync(app, smtp, "digest", "send", "--period", "2026-05-28", "--dry-run");
        Assert.Equal(0, dry);
        Assert.Contains("1 active subscribers are due", dryOutput, StringComparison.Ordinal);
        Assert.Empty(await app.DeliveriesAsync(reader));

        var (sent, sentOutput) = await RunAsync(app, smtp, "digest", "send", "--period", "2026-05-28");
        Assert.Equal(0, sent);
        Assert.Contains("1 sent", sentOutput, StringComparison.Ordinal);
        Assert.Single(await sink.WaitForAsync(reader));
    }

    [Fact]
    public async Task Bad_arguments_and_a_missing_smtp_server_are_clear_errors()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink);

        var (badDate, badDateOutput) = await RunAsync(app, [], "digest", "send", "--period", "28/05/2026");
        var (badEmail, badEmailOutput) = await RunAsync(app, [], "digest", "preview", "--email", "a@example.org\r\nBcc: b@example.org");
        var (noSmtp, noSmtpOutput) = await RunAsync(app, [], "digest", "send", "--period", "2026-05-28");
        var (noMailbox, noMailboxOutput) = await RunAsync(app, [], "digest", "read-unsubscribes");
        var (missingMailbox, missingMailboxOutput) = await RunAsync(app, new() { ["Digests__UnsubscribeMaildir"] = "/nonexistent/maildir" }, "digest", "read-unsubscribes");

        Assert.Equal((2, 2, 1, 2, 1), (badDate, badEmail, noSmtp, noMailbox, missingMailbox));
        Assert.Contains("Digests:UnsubscribeMaildir is not set", noMailboxOutput, StringComparison.Ordinal);
        Assert.Contains("'/nonexistent/maildir' does not exist", missingMailboxOutput, StringComparison.Ordinal);
        Assert.Contains("--period must be a date YYYY-MM-DD", badDateOutput, StringComparison.Ordinal);
        Assert.Contains("not a usable email address", badEmailOutput, StringComparison.Ordinal);
        Assert.Contains("Digests:Smtp:Host is not set", noSmtpOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Subscribers_are_listed_and_removed_with_their_history(DatabaseProvider provider)
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(3);
        var leaving = SmtpSink.NewAddress("leaving");
        var staying = SmtpSink.NewAddress("staying");
        await app.AddActiveSubscriberAsync(leaving);
        await app.AddActiveSubscriberAsync(staying);
        await app.RunAsync();

        var (listed, list) = await RunAsync(app, [], "subscribers", "list");
        var (removed, _) = await RunAsync(app, [], "subscribers", "remove", leaving.ToUpperInvariant());
        var (again, againOutput) = await RunAsync(app, [], "subscribers", "remove", leaving);
        var (_, after) = await RunAsync(app, [], "subscribers", "list", "--status", "Active");

        Assert.Equal((0, 0, 2), (listed, removed, again));
        Assert.Contains(leaving, list, StringComparison.Ordinal);
        Assert.Contains("no subscription for", againOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(leaving, after, StringComparison.Ordinal);
        Assert.Contains(staying, after, StringComparison.Ordinal);
        Assert.Empty(await app.DeliveriesAsync(leaving));
        Assert.Equal(1, await app.QueryAsync(db => db.DigestDeliveries.CountAsync()));
    }

    private static Dictionary<string, string> SmtpEnvironment(SmtpSink sink) => new()
    {
        ["Digests__Smtp__Host"] = sink.Host,
        ["Digests__Smtp__Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Digests__Smtp__Security"] = "None",
    };

    private static async Task<(int ExitCode, string Output)> RunAsync(TestApp app, Dictionary<string, string> environment, params string[] args)
    {
        using var process = PaperwireProcess.Start(environment, [.. args, "--data", app.Database.DataDirectory, "--database", app.Database.Settings.ConnectionString]);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.Output);
    }
}
