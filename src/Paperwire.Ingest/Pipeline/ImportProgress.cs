namespace Paperwire.Ingest.Pipeline;

/// <summary>
/// A progress report: how far through the input (bytes of a file, records of a harvest) and the counts so far.
/// <paramref name="Total"/> is null when the size of the input is unknown (a harvest before its first page).
/// </summary>
public sealed record ImportProgress(long Done, long? Total, string Unit, ImportSummary Summary);
