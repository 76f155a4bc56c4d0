namespace Paperwire.Tests.Operations;

/// <summary>
/// The metrics tests run alone, after the others: OpenTelemetry merges the same-named instruments of every app in the
/// process into one series, and drops that series when any of those apps stops, so a test app stopping in parallel
/// would make a scrape lose counters it just saw (one app per process, as in production, never does).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "Metrics scrapes";
}
