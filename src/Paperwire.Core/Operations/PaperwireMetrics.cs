using System.Diagnostics.Metrics;

namespace Paperwire.Core.Operations;

/// <summary>
/// Paperwire's own meter: every instrument it exports, in one place (docs/operations.md lists them with their
/// Prometheus names). Counters are bumped where the work happens; the gauges read <see cref="Readings"/>, a snapshot
/// the host refreshes at most every few seconds, so a scrape never runs the database queries behind them itself.
/// </summary>
public sealed class PaperwireMetrics : IDisposable
{
    public const string MeterName = "Paperwire";

    /// <summary>The buckets ASP.NET Core gives <c>http.server.request.duration</c>, so search and request latencies compare.</summary>
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> ingested;
    private readonly Counter<long> rejected;
    private readonly Counter<long> jobRuns;
    private readonly Histogram<double> searchDuration;
    private readonly Counter<long> embedded;
    private readonly Counter<long> deliveries;

    public PaperwireMetrics()
    {
        ingested = meter.CreateCounter<long>("paperwire.papers.ingested", "{paper}", "Papers written to the catalog by imports and harvests, by result (inserted, updated)");
        rejected = meter.CreateCounter<long>("paperwire.papers.rejected", "{paper}", "Records an import or harvest rejected as invalid");
        jobRuns = meter.CreateCounter<long>("paperwire.jobs.runs", "{run}", "Finished runs of scheduled jobs on this node, by job and outcome");
        searchDuration = meter.CreateHistogram("paperwire.search.duration", "s", "Time to answer a search (index and catalog), by mode (keyword, hybrid)",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        embedded = meter.CreateCounter<long>("paperwire.embeddings.computed", "{paper}", "Paper texts run through the embedding model on this node");
        deliveries = meter.CreateCounter<long>("paperwire.digests.deliveries", "{digest}", "Digest deliveries tried, by outcome (sent, skipped, failed, retrying)");

        meter.CreateObservableGauge("paperwire.search.index_lag", () => Readings?.IndexLag ?? 0, "{change}",
            "Catalog changes this node's keyword index has not read yet");
        meter.CreateObservableGauge("paperwire.digests.pending", () => Readings?.DigestsPending ?? 0, "{digest}",
            "Digests in the outbox waiting to be sent (or retried)");
        meter.CreateObservableGauge("paperwire.digests.failed", () => Readings?.DigestsFailed ?? 0, "{digest}",
            "Digests in the outbox that failed for good");
        meter.CreateObservableGauge("paperwire.digests.outbox_age", () => Readings?.OutboxAge.TotalSeconds ?? 0, "s",
            "Age of the oldest pending digest; 0 when none is pending");
        meter.CreateObservableGauge("paperwire.leases.held", ObserveLeases, "{lease}",
            "Unexpired job leases, one series per job and holding node");
        meter.CreateObservableGauge("paperwire.jobs.last_success", ObserveLastSuccesses, "s",
            "When each scheduled job last succeeded, in seconds since the Unix epoch");
    }

    /// <summary>The latest gauge readings; null until the host has taken them once.</summary>
    public OperationalReadings? Readings { get; set; }

    public void PapersIngested(int inserted, int updated)
    {
        Add(ingested, inserted, "result", "inserted");
        Add(ingested, updated, "result", "updated");
    }

    public void PapersRejected(int count) => rejected.Add(count);

    /// <param name="outcome">One of <see cref="JobOutcome"/>'s values.</param>
    public void JobRan(string job, string outcome) =>
        jobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));

    public void SearchAnswered(TimeSpan elapsed, bool semantic) =>
        searchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("mode", semantic ? "hybrid" : "keyword"));

    public void EmbeddingsComputed(int count) => embedded.Add(count);

    public void DigestDelivered(string outcome) => deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private static void Add(Counter<long> counter, int count, string tag, string value)
    {
        if (count > 0)
        {
            counter.Add(count, new KeyValuePair<string, object?>(tag, value));
        }
    }

    private IEnumerable<Measurement<int>> ObserveLeases() =>
        (Readings?.Leases ?? []).Select(lease => new Measurement<int>(1,
            new KeyValuePair<string, object?>("job", lease.Job), new KeyValuePair<string, object?>("holder", lease.Holder)));

    private IEnumerable<Measurement<double>> ObserveLastSuccesses() =>
        (Readings?.LastSuccesses ?? []).Select(success => new Measurement<double>(success.At.ToUnixTimeMilliseconds() / 1000.0,
            new KeyValuePair<string, object?>("job", success.Job)));

    public void Dispose() => meter.Dispose();
}

/// <summary>What the gauges report, read in one go from the database and this node's indexes.</summary>
public sealed record OperationalReadings(
    long IndexLag,
    int DigestsPending,
    int DigestsFailed,
    TimeSpan OutboxAge,
    IReadOnlyList<LeaseReading> Leases,
    IReadOnlyList<JobSuccessReading> LastSuccesses);

public sealed record LeaseReading(string Job, string Holder);

public sealed record JobSuccessReading(string Job, DateTimeOffset At);

/// <summary>How a scheduled job's run ended, as recorded and counted.</summary>
public static class JobOutcome
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
