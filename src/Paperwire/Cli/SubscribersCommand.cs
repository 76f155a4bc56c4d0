using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Storage;

namespace Paperwire.Cli;

/// <summary><c>paperwire subscribers list | remove</c>: the digest's subscribers, from the server's shell.</summary>
public static class SubscribersCommand
{
    public static Command Create()
    {
        var subscribers = new Command("subscribers", "Digest subscribers.");
        subscribers.Subcommands.Add(List());
        subscribers.Subcommands.Add(Remove());
        return subscribers;
    }

    private static Command List()
    {
        var status = new Option<SubscriptionStatus?>("--status") { Description = "Only subscriptions in this state (Pending, Active, Unsubscribed, Suspended)." };
        var command = new Command("list", "One line per subscription: id, address, status, frequency, confirmed, consecutive failures.");
        command.Options.Add(status);
        command.SetAction(async (parseResult, cancellationToken) => await CommandScope.RunAsync(parseResult, async services =>
        {
            var wanted = parseResult.GetValue(status);
            var rows = await services.GetRequiredService<PaperwireDbContext>().DigestSubscriptions.AsNoTracking()
                .Where(s => wanted == null || s.Status == wanted)
                .OrderBy(s => s.Id)
                .ToListAsync(cancellationToken);
            foreach (var s in rows)
            {
                var confirmed = s.ConfirmedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
                var frequency = s.Frequency == DigestFrequency.Weekly ? $"weekly:{s.Weekday}" : s.SkipWeekends ? "weekdays" : "daily";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Id}\t{s.Email}\t{s.Status}\t{frequency}\t{confirmed}\t{s.ConsecutiveFailures}"));
            }

            Console.Error.WriteLine($"{rows.Count} subscriptions.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Remove()
    {
        var who = new Argument<string>("EMAIL|ID") { Description = "The subscriber's address or id." };
        var command = new Command("remove", "Delete a subscription and its delivery history (its links then answer 'not subscribed').");
        command.Arguments.Add(who);
        command.SetAction(async (parseResult, cancellationToken) => await CommandScope.RunAsync(parseResult, async services =>
        {
            var value = parseResult.GetValue(who)!.Trim();
            var db = services.GetRequiredService<PaperwireDbContext>();
            var normalized = value.ToLowerInvariant();
            var byId = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id);
            var removed = await db.DigestSubscriptions.Where(s => s.NormalizedEmail == normalized || (byId && s.Id == id)).ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                return CliErrors.Usage($"no subscription for '{value}'.");
            }

            Console.WriteLine($"Removed the subscription of {value}.");
            return 0;
        }, cancellationToken));
        return command;
    }
}
