using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Paperwire.Hosting;
using Paperwire.Search;
using Paperwire.Search.Embeddings;
using Spectre.Console;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire embed [--backfill] [--limit N] [--device cpu|cuda]</c>: embeds queued papers into the database as a
/// batch job. It claims papers the way the servers' embedding workers do, so any number of machines can run it at
/// once against one PostgreSQL (and beside running servers) without embedding a paper twice.
/// </summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var backfill = new Option<bool>("--backfill") { Description = "First queue every paper that has no stored vector for the model (a new model, an old catalog)." };
        var limit = new Option<int?>("--limit") { Description = "Stop after this many papers.", HelpName = "N" };
        var device = new Option<string>("--device")
        {
            Description = "Where the model runs: cpu, or cuda (an NVIDIA GPU through ONNX Runtime's CUDA provider).",
            HelpName = "DEVICE",
            DefaultValueFactory = _ => "cpu",
        };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var command = new Command("embed", "Embed queued papers into the database (any number of machines at once).") { backfill, limit, device };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CliErrors.Guard(() => new PaperwireSettings(
                CommonOptions.ResolveDataDirectory(parseResult),
                CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            if (parseResult.GetValue(limit) is < 1)
            {
                return CliErrors.Usage("--limit must be at least 1.");
            }

            var onGpu = parseResult.GetValue(device) == "cuda";
            if (onGpu && (CudaDevice.WhyUnavailable() ?? CudaDevice.WhyNoProvider()) is { } reason)
            {
                return CliErrors.Usage($"--device cuda: {reason}. Run without it to embed on the CPU.");
            }

            try
            {
                return await RunAsync(settings, parseResult.GetValue(backfill), parseResult.GetValue(limit), onGpu, cancellationToken);
            }
            catch (OnnxRuntimeException error) when (onGpu)
            {
                return CliErrors.Usage($"--device cuda: ONNX Runtime could not start its CUDA provider ({error.Message.Split('\n')[0]}).");
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(PaperwireSettings settings, bool backfill, int? limit, bool onGpu, CancellationToken cancellationToken)
    {
        var exit = await CliErrors.RunAsync(async () =>
        {
            using var host = PaperwireCommandHost.Create(settings, new Dictionary<string, string?>
            {
                ["Search:Embeddings"] = "true",
                ["Search:EmbeddingDevice"] = onGpu ? "cuda" : "cpu",
            });
            await host.MigrateAsync(cancellationToken);
            var job = new EmbedJob(host.Services, backfill, limit);
            var summary = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected
                ? await job.WithProgressBarAsync(cancellationToken)
                : await job.RunAsync(PrintPlain, cancellationToken);
            Console.WriteLine(Describe(summary));
        });
        return exit;
    }

    private static void PrintPlain(EmbedProgress progress) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Embedded {progress.Done.Claimed:N0}/{progress.Total:N0} ({progress.Done.Embedded:N0} run through the model)"));

    private static string Describe(EmbedSummary summary)
    {
        var done = summary.Done;
        return string.Create(CultureInfo.InvariantCulture,
            $"Embedded {done.Claimed:N0} papers in {summary.Elapsed.TotalSeconds:F1} s: {done.Embedded:N0} run through the model, {done.Stored:N0} vectors stored, {done.Withdrawn:N0} withdrawn, {done.Unchanged:N0} unchanged, {done.Lost:N0} taken over by another node; {summary.Queued:N0} papers still queued{(summary.Backfilled > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({summary.Backfilled:N0} queued by --backfill)") : "")}.");
    }

    private sealed record EmbedProgress(EmbeddingBatch Done, int Total);

    private sealed record EmbedSummary(EmbeddingBatch Done, int Backfilled, int Queued, TimeSpan Elapsed);

    private sealed class EmbedJob(IServiceProvider services, bool backfill, int? limit)
    {
        public async Task<EmbedSummary> WithProgressBarAsync(CancellationToken cancellationToken)
        {
            EmbedSummary? summary = null;
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Embeddings", maxValue: 1);
                    summary = await RunAsync(progress =>
                    {
                        task.MaxValue = Math.Max(progress.Total, 1);
                        task.Value = progress.Done.Claimed;
                        task.Description = $"Embeddings ({progress.Done.Embedded:N0} run through the model)";
                    }, cancellationToken);
                    task.Value = task.MaxValue;
                });
            return summary!;
        }

        public async Task<EmbedSummary> RunAsync(Action<EmbedProgress> report, CancellationToken cancellationToken)
        {
            var started = TimeProvider.System.GetTimestamp();
            await using var scope = services.CreateAsyncScope();
            var jobs = scope.ServiceProvider.GetRequiredService<EmbeddingJobs>();
            var claimSize = Math.Max(1, scope.ServiceProvider.GetRequiredService<IOptions<SearchOptions>>().Value.EmbeddingClaimSize);
            var backfilled = backfill ? await jobs.EnqueueMissingAsync(cancellationToken) : 0;
            var pending = await jobs.PendingAsync(cancellationToken);
            var total = Math.Min(pending, limit ?? int.MaxValue);
            var done = EmbeddingBatch.None;
            report(new EmbedProgress(done, total));
            while (done.Claimed < (limit ?? int.MaxValue))
            {
                var batch = await jobs.RunBatchAsync(Math.Min(claimSize, (limit ?? int.MaxValue) - done.Claimed), cancellationToken);
                if (batch.Claimed == 0)
                {
                    break;
                }

                done += batch;
                report(new EmbedProgress(done, Math.Max(total, done.Claimed)));
            }

            return new EmbedSummary(done, backfilled, await jobs.PendingAsync(cancellationToken), TimeProvider.System.GetElapsedTime(started));
        }
    }
}
