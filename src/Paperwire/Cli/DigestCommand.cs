using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Paperwire.Accounts;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Cli;

/// <summary><c>paperwire digest preview | send | read-unsubscribes</c>: look at a digest before anyone gets it; send a period by hand; read the unsubscribe mailbox.</summary>
public static class DigestCommand
{
    public static Command Create()
    {
        var digest = new Command("digest", "The email digest.");
        digest.Subcommands.Add(Preview());
        digest.Subcommands.Add(Send());
        digest.Subcommands.Add(ReadUnsubscribes());
        return digest;
    }

    private static Command ReadUnsubscribes()
    {
        var command = new Command("read-unsubscribes", "Read the unsubscribe mailbox (Digests:UnsubscribeMaildir) once and unsubscribe who asked; the server does this every minute.");
        command.SetAction(async (parseResult, cancellationToken) => await CommandScope.RunAsync(parseResult, async services =>
        {
            var mailbox = services.GetRequiredService<UnsubscribeMailbox>();
            if (!mailbox.Enabled)
            {
                return CliErrors.Usage("Digests:UnsubscribeMaildir is not set: there is no mailbox to read.");
            }

            Console.WriteLine($"Unsubscribe mailbox: {await mailbox.ReadAsync(cancellationToken)}.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Preview()
    {
        var email = new Option<string>("--email") { Description = "Whose digest: a subscriber's address (another address previews the default preferences).", Required = true };
        var period = new Option<string>("--period") { Description = "Feed day YYYY-MM-DD (default: yesterday, UTC).", HelpName = "DATE" };
        var output = new Option<string>("--out") { Description = "Write the HTML part to this file (default: print the text part).", HelpName = "FILE.html" };
        var command = new Command("preview", "Compose one subscriber's digest without sending it.");
        command.Options.Add(email);
        command.Options.Add(period);
        command.Options.Add(output);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!EmailAddress.TryNormalize(parseResult.GetValue(email), out var address, out var normalized))
            {
                return CliErrors.Usage($"'{parseResult.GetValue(email)}' is not a usable email address.");
            }

            var periodText = parseResult.GetValue(period);
            if (periodText is not null && !DigestPeriod.TryParse(periodText, out _))
            {
                return CliErrors.Usage($"--period must be a date YYYY-MM-DD, not '{periodText}'.");
            }

            return await CommandScope.RunAsync(parseResult, async services =>
            {
                // Without --period: yesterday, the day the morning's run sends.
                var day = DigestPeriod.TryParse(periodText, out var given)
                    ? given
                    : DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(-1);
                var db = services.GetRequiredService<PaperwireDbContext>();
                if (await NothingToPreviewAsync(db, cancellationToken) is { } reason)
                {
                    Console.Error.WriteLine($"error: {reason}");
                    return 1;
                }

                var subscription = await db.DigestSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
                if (subscription is null)
                {
                    Console.Error.WriteLine($"note: {address} is not subscribed; previewing the default preferences.");
                    subscription = new DigestSubscription { Email = address, NormalizedEmail = normalized, TokenStamp = DigestTokens.NewStamp() };
                }

                var digestPeriod = new DigestPeriod(day, subscription.Frequency);
                var papers = await PeriodPapers.LoadAsync(db, digestPeriod, cancellationToken);
                var selection = await services.GetRequiredService<PaperSelection>().SelectAsync(subscription, papers, cancellationToken);
                if (selection.Papers.Count == 0)
                {
                    var newest = await services.GetRequiredService<DailyFeed>().LatestDateAsync(cancellationToken);
                    Console.Error.WriteLine($"error: no digest for {day:yyyy-MM-dd}: {(papers.Trending.Count == 0 ? "the daily feed has no papers in this period" : "none of the period's papers matches these preferences")}, so the run would skip it. The newest feed day is {newest:yyyy-MM-dd}: try --period {newest:yyyy-MM-dd}.");
                    return 1;
                }

                var message = services.GetRequiredService<DigestComposer>().Compose(subscription, digestPeriod, selection);
                if (parseResult.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file, message.HtmlBody, cancellationToken);
                    Console.WriteLine($"{message.Subject}: {selection.Papers.Count} papers; HTML written to {file}.");
                }
                else
                {
                    Console.WriteLine($"Subject: {message.Subject}");
                    Console.WriteLine();
                    Console.WriteLine(message.TextBody);
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Why no digest can have papers at all (an empty catalog, or no daily feed), or null.</summary>
    private static async Task<string?> NothingToPreviewAsync(PaperwireDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Papers.AnyAsync(cancellationToken))
        {
            return "the catalog is empty, so a digest has no papers to show. `paperwire serve` loads the demo corpus into an empty database on its first start; `paperwire import` and `paperwire harvest` bring in papers.";
        }

        return await db.FeedEntries.AnyAsync(cancellationToken)
            ? null
            : "the daily feed is empty (the catalog has papers, but digests list the feed's): papers enter it when readers submit them or `paperwire import hf` brings a Daily Papers feed.";
    }

    private static Command Send()
    {
        var period = new Option<string>("--period") { Description = "Feed day YYYY-MM-DD whose digest to send.", Required = true, HelpName = "DATE" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say how many digests would be queued; send and write nothing." };
        var command = new Command("send", "Queue and send a period's digests (idempotent: a digest already sent is never sent again). Waits for retries.");
        command.Options.Add(period);
        command.Options.Add(dryRun);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!DigestPeriod.TryParse(parseResult.GetValue(period), out var day))
            {
                return CliErrors.Usage($"--period must be a date YYYY-MM-DD, not '{parseResult.GetValue(period)}'.");
            }

            return await CommandScope.RunAsync(parseResult, async services =>
            {
                if (parseResult.GetValue(dryRun))
                {
                    var (due, queued) = await services.GetRequiredService<DigestOutbox>().CountAsync(day, cancellationToken);
                    Console.WriteLine($"Dry run for {day:yyyy-MM-dd}: {due} active subscribers are due; the outbox already holds {queued} digests of this period. Nothing was sent.");
                    return 0;
                }

                return await SendAsync(services, day, cancellationToken);
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the period until nothing is pending, waiting out backoffs and for the lease of a dead sender to expire.</summary>
    private static async Task<int> SendAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken)
    {
        var run = services.GetRequiredService<DigestRun>();
        var clock = services.GetRequiredService<TimeProvider>();
        int sent = 0, skipped = 0, failed = 0;
        while (true)
        {
            if (await run.RunAsync(day, cancellationToken) is not { } summary)
            {
                Console.Error.WriteLine("Another sender holds the digests lease; waiting for it to finish or expire.");
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
                continue;
            }

            (sent, skipped, failed) = (sent + summary.Sent, skipped + summary.Skipped, failed + summary.Failed);
            if (await run.NextRetryAsync(day, cancellationToken) is not { } next)
            {
                break;
            }

            var wait = next - clock.GetUtcNow();
            Console.Error.WriteLine($"{summary.Retrying} digests to retry; next attempt in {Math.Max(0, wait.TotalSeconds):F0} s.");
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
        }

        Console.WriteLine($"Digest {day:yyyy-MM-dd}: {sent} sent, {skipped} skipped (nothing matched), {failed} failed.");
        return 0;
    }
}
