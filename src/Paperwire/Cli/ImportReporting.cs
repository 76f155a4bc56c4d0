using System.Diagnostics;
using System.Text.Json;
using Paperwire.Ingest.Pipeline;
using Spectre.Console;

namespace Paperwire.Cli;

/// <summary>
/// Runs an import or harvest for the command line: a live progress bar with rate and ETA on a terminal
/// (plain periodic lines when output is redirected), then a summary with rejection reasons, and the
/// rejected records written to <c>--rejects FILE</c> as JSON lines.
/// </summary>
public static class ImportReporting
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    /// <returns>The exit code: 0 when the import ran (even with rejections), 1 when the input was unusable.</returns>
    public static async Task<int> RunAsync(string title, string? rejectsPath, Func<ImportOptions, IProgress<ImportProgress>, Task<ImportSummary>> import, bool dryRun = false)
    {
        StreamWriter? rejects = null;
        try
        {
            rejects = rejectsPath is null ? null : new StreamWriter(rejectsPath, append: false);
            var options = new ImportOptions(DryRun: dryRun, OnReject: rejects is null ? null : reject => rejects.WriteLine(JsonSerializer.Serialize(new { where = reject.Where, reason = reject.Reason })));
            var clock = Stopwatch.StartNew();
            var summary = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected
                ? await RunWithProgressBarAsync(title, options, import)
                : await import(options, new PlainProgress(title, clock));
            PrintSummary(title, summary, clock.Elapsed, rejectsPath);
            return 0;
        }
        catch (InvalidInputException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
        finally
        {
            if (rejects is not null)
            {
                await rejects.DisposeAsync();
            }
        }
    }

    private static async Task<ImportSummary> RunWithProgressBarAsync(string title, ImportOptions options, Func<ImportOptions, IProgress<ImportProgress>, Task<ImportSummary>> import)
    {
        ImportSummary? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var clock = Stopwatch.StartNew();
                result = await import(options, new Callback(progress =>
                {
                    if (progress.Total is { } total)
                    {
                        task.MaxValue = Math.Max(total, 1);
                    }
                    else
                    {
                        task.IsIndeterminate = true;
                    }

                    task.Value = progress.Done;
                    task.Description = Markup.Escape($"{title} · {progress.Summary.Processed:N0} records · {Rate(progress.Summary.Processed, clock.Elapsed):N0}/s");
                }));
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void PrintSummary(string title, ImportSummary summary, TimeSpan elapsed, string? rejectsPath)
    {
        var counts = summary.Counts;
        Console.WriteLine($"{title}: done in {elapsed.TotalSeconds:N1}s ({Rate(summary.Processed, elapsed):N0} records/s)");
        if (summary.Valid > 0)
        {
            Console.WriteLine($"  valid      {summary.Valid,10:N0}  (dry run: nothing stored)");
        }

        Console.WriteLine($"  inserted   {counts.Inserted,10:N0}");
        Console.WriteLine($"  updated    {counts.Updated,10:N0}");
        Console.WriteLine($"  unchanged  {counts.Unchanged,10:N0}");
        Console.WriteLine($"  rejected   {summary.RejectedCount,10:N0}");
        if (summary.Skipped > 0)
        {
            Console.WriteLine($"  skipped    {summary.Skipped,10:N0}  (left out by the import's filters)");
        }

        foreach (var (reason, count) in summary.RejectedByReason.OrderByDescending(r => r.Value).Take(10))
        {
            Console.WriteLine($"    {count,8:N0} × {reason}");
        }

        if (summary.RejectedCount > 0)
        {
            Console.WriteLine(rejectsPath is null ? "  (--rejects FILE writes every rejected record with its reason)" : $"  rejected records written to {rejectsPath}");
        }
    }

    private static double Rate(int records, TimeSpan elapsed) => elapsed.TotalSeconds <= 0 ? 0 : records / elapsed.TotalSeconds;

    /// <summary>Reports synchronously on the importing thread; Progress&lt;T&gt; would post to the thread pool.</summary>
    private sealed class Callback(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    /// <summary>One line every couple of seconds when output goes to a file or a pipe.</summary>
    private sealed class PlainProgress(string title, Stopwatch clock) : IProgress<ImportProgress>
    {
        private TimeSpan lastPrinted = -PlainInterval;

        public void Report(ImportProgress value)
        {
            if (clock.Elapsed - lastPrinted < PlainInterval)
            {
                return;
            }

            lastPrinted = clock.Elapsed;
            var rate = Rate(value.Summary.Processed, clock.Elapsed);
            var line = $"{title}: {value.Summary.Processed:N0} records, {rate:N0}/s, {value.Summary}";
            if (value.Total is > 0 and var total)
            {
                var fraction = Math.Clamp((double)value.Done / total, 0, 1);
                var eta = fraction > 0 ? TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
                line += $", {fraction:P0} of {value.Unit}" + (eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "");
            }

            Console.WriteLine(line);
        }
    }
}
