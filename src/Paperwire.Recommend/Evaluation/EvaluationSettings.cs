namespace Paperwire.Recommend.Evaluation;

/// <summary>How many synthetic readers, how much each one reveals, and the seed that makes them.</summary>
public sealed record EvaluationSettings
{
    public int ReadersPerKind { get; init; } = 50;

    /// <summary>Known positives per reader (a two-interest reader gets half, rounded up, per interest).</summary>
    public int KnownPositives { get; init; } = 5;

    /// <summary>Papers a not-interested reader marked so.</summary>
    public int NotInterested { get; init; } = 3;

    public int Seed { get; init; } = 42;
}
