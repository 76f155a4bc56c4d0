using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Hosting;
using Paperwire.Search.Indexing;
using Spectre.Console;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire reindex</c>: rebuild the search indexes from storage into a new generation, with a progress
/// bar; the serving generation keeps answering until the new one is complete (a running server switches over).
/// </summary>
public static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Rebuild the search indexes (keyword and vectors) from the database.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CliErrors.Guard(() => new PaperwireSettings(
                CommonOptions.ResolveDataDirectory(parseResult),
                CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            return await CliErrors.RunAsync(async () =>
            {
                using var host = PaperwireCommandHost.Create(settings);
                await host.MigrateAsync(cancellationToken);
                await using var scope = host.Services.CreateAsyncScope();
                var reindexer = scope.ServiceProvider.GetRequiredService<Reindexer>();
                var summary = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected
                    ? await WithProgressBarAsync(reindexer, cancellationToken)
                    : await reindexer.RunAsync(new Progress<ReindexProgress>(PrintPlain), cancellationToken);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Reindexed {summary.Papers:N0} papers ({summary.Vectors:N0} vectors; {summary.Embedded:N0} papers run through the model) in {summary.Elapsed.TotalSeconds:F1} s; serving generation {summary.Generation}."));
            });
        });
        return command;
    }

    private static async Task<ReindexSummary> WithProgressBarAsync(Reindexer reindexer, CancellationToken cancellationToken)
    {
        ReindexSummary? summary = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var keyword = context.AddTask("Keyword index", maxValue: 1);
                var embeddings = context.AddTask("Embeddings", autoStart: false, maxValue: 1);
                var vectors = context.AddTask("Vectors", autoStart: false, maxValue: 1);
                summary = await reindexer.RunAsync(new SynchronousProgress(progress =>
                {
                    var task = progress.Phase switch
                    {
                        ReindexPhase.Keyword => keyword,
                        ReindexPhase.Embeddings => embeddings,
                        _ => vectors,
                    };
                    task.StartTask();
                    task.MaxValue = Math.Max(progress.Total, 1);
                    task.Value = progress.Done;
                    if (progress.Phase != ReindexPhase.Keyword)
                    {
                        keyword.Value = keyword.MaxValue;
                        embeddings.Description = $"Embeddings ({progress.Embedded:N0} run through the model)";
                    }

                    if (progress.Phase == ReindexPhase.Vectors)
                    {
                        embeddings.Value = embeddings.MaxValue;
                    }
                }), cancellationToken);
                foreach (var task in new[] { keyword, embeddings, vectors })
                {
                    task.Value = task.MaxValue;
                }
            });
        return summary!;
    }

    // "Run through the model": a vector already stored, shipped or cached on this node costs nothing.
    private static void PrintPlain(ReindexProgress progress) =>
        Console.WriteLine(progress.Phase == ReindexPhase.Embeddings
            ? string.Create(CultureInfo.InvariantCulture, $"{progress.Phase}: {progress.Done:N0}/{progress.Total:N0} ({progress.Embedded:N0} run through the model, the rest from stored, shipped or cached vectors)")
            : string.Create(CultureInfo.InvariantCulture, $"{progress.Phase}: {progress.Done:N0}/{progress.Total:N0}"));

    private sealed class SynchronousProgress(Action<ReindexProgress> report) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => report(value);
    }
}
