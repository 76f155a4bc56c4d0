using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;

namespace Paperwire.Recommend.Vectors;

/// <summary>The papers behind a reader's signals, each once, with their vectors (unit length, row after row).</summary>
internal sealed class SignalVectors
{
    private SignalVectors(List<CatalogPaper> positives, float[] positiveMatrix, List<CatalogPaper> negatives, float[] negativeMatrix, int dimensions)
    {
        Positives = positives;
        PositiveMatrix = positiveMatrix;
        Negatives = negatives;
        NegativeMatrix = negativeMatrix;
        Dimensions = dimensions;
    }

    public IReadOnlyList<CatalogPaper> Positives { get; }

    public float[] PositiveMatrix { get; }

    /// <summary>Not-interested papers, oldest first, as in the signals.</summary>
    public IReadOnlyList<CatalogPaper> Negatives { get; }

    public float[] NegativeMatrix { get; }

    public int Dimensions { get; }

    public ReadOnlySpan<float> Positive(int i) => PositiveMatrix.AsSpan(i * Dimensions, Dimensions);

    public ReadOnlySpan<float> Negative(int i) => NegativeMatrix.AsSpan(i * Dimensions, Dimensions);

    /// <summary>Papers without a vector yet are left out: they teach the model nothing until embedded.</summary>
    public static SignalVectors Read(ReaderSignals signals, IPaperVectors source, int dimensions)
    {
        var (positives, positiveVectors) = Read(signals.Positives.Select(p => p.Paper), source, dimensions);
        var (negatives, negativeVectors) = Read(signals.NotInterested, source, dimensions);
        return new SignalVectors(positives, Pack(positiveVectors, dimensions), negatives, Pack(negativeVectors, dimensions), dimensions);
    }

    private static (List<CatalogPaper>, List<float[]>) Read(IEnumerable<CatalogPaper> papers, IPaperVectors source, int dimensions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<CatalogPaper>();
        var vectors = new List<float[]>();
        foreach (var paper in papers)
        {
            if (seen.Add(paper.Id) && source.TryGet(paper.Id, out var vector) && vector.Length == dimensions)
            {
                kept.Add(paper);
                vectors.Add(vector);
            }
        }

        return (kept, vectors);
    }

    private static float[] Pack(List<float[]> vectors, int dimensions)
    {
        var matrix = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            CandidatePool.Unit(vectors[i], matrix.AsSpan(i * dimensions, dimensions));
        }

        return matrix;
    }
}
