using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;

namespace Paperwire.Recommend.Ranking;

/// <summary>
/// The papers a ranking may return (say, the last 7 days of paper dates), with their vectors read from the search
/// index into one contiguous array, so that scoring is a run of dot products over adjacent memory. Build it once per
/// window and index change and share it between readers: it is a working copy of a slice of the index, rebuilt
/// from it, never stored. Withdrawn papers, and papers the index has no vector for yet, are left out.
/// </summary>
public sealed class CandidatePool
{
    private readonly CatalogPaper[] papers;
    private readonly float[] vectors;
    private readonly Dictionary<string, int> rows;

    private CandidatePool(int dimensions, List<CatalogPaper> papers, List<float[]> vectors, int notEmbedded)
    {
        Dimensions = dimensions;
        NotEmbedded = notEmbedded;
        this.papers = [.. papers];
        this.vectors = new float[papers.Count * dimensions];
        rows = new Dictionary<string, int>(papers.Count, StringComparer.Ordinal);
        Days = [.. papers.Select(p => p.PublishedOn.DayNumber)];
        Categories = new PaperLists(Vocabulary.OfCategories(), papers, p => p.Categories);
        Organizations = new PaperLists(Vocabulary.OfNames(), papers, p => p.Organization is { Length: > 0 } o ? [o] : []);
        Authors = new PaperLists(Vocabulary.OfNames(), papers, p => p.Authors);
        for (var row = 0; row < papers.Count; row++)
        {
            rows[papers[row].Id] = row;
            Unit(vectors[row], this.vectors.AsSpan(row * dimensions, dimensions));
        }
    }

    public int Count => papers.Length;

    public int Dimensions { get; }

    /// <summary>Candidates skipped because the index has no vector for them yet; they appear once embedded.</summary>
    public int NotEmbedded { get; }

    /// <summary>Each paper's date as a day number: ties in score go to the newer paper.</summary>
    internal int[] Days { get; }

    internal PaperLists Categories { get; }

    internal PaperLists Organizations { get; }

    internal PaperLists Authors { get; }

    /// <summary>All vectors, row after row (<see cref="Count"/> × <see cref="Dimensions"/>).</summary>
    internal ReadOnlySpan<float> Matrix => vectors;

    public CatalogPaper Paper(int row) => papers[row];

    public ReadOnlySpan<float> Vector(int row) => vectors.AsSpan(row * Dimensions, Dimensions);

    public bool TryGetRow(string paperId, out int row) => rows.TryGetValue(paperId, out row);

    /// <summary>Reads the vector of every candidate from <paramref name="source"/> (the search index in the app).</summary>
    public static CandidatePool Gather(IEnumerable<CatalogPaper> candidates, IPaperVectors source)
    {
        var kept = new List<CatalogPaper>();
        var vectors = new List<float[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var notEmbedded = 0;
        foreach (var paper in candidates)
        {
            if (paper.Withdrawn || !seen.Add(paper.Id))
            {
                continue;
            }

            if (source.TryGet(paper.Id, out var vector) && vector.Length > 0 && (vectors.Count == 0 || vector.Length == vectors[0].Length))
            {
                kept.Add(paper);
                vectors.Add(vector);
            }
            else
            {
                notEmbedded++;
            }
        }

        return new CandidatePool(vectors.Count == 0 ? 0 : vectors[0].Length, kept, vectors, notEmbedded);
    }

    /// <summary>The index stores half precision; unit length again keeps dot products cosines.</summary>
    internal static void Unit(ReadOnlySpan<float> vector, Span<float> destination)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm > 0 ? norm : 1, destination);
    }
}

/// <summary>For each paper of a pool, the numbers of its categories (or organization, or authors), packed in one array.</summary>
internal sealed class PaperLists
{
    private readonly int[] starts;
    private readonly int[] numbers;

    public PaperLists(Vocabulary vocabulary, IReadOnlyList<CatalogPaper> papers, Func<CatalogPaper, IEnumerable<string>> names)
    {
        Vocabulary = vocabulary;
        starts = new int[papers.Count + 1];
        var all = new List<int>();
        for (var row = 0; row < papers.Count; row++)
        {
            starts[row] = all.Count;
            all.AddRange(names(papers[row]).Where(n => !string.IsNullOrWhiteSpace(n)).Select(vocabulary.Intern));
        }

        starts[papers.Count] = all.Count;
        numbers = [.. all];
    }

    public Vocabulary Vocabulary { get; }

    public ReadOnlySpan<int> Of(int row) => numbers.AsSpan(starts[row], starts[row + 1] - starts[row]);

    /// <summary>The first of <paramref name="row"/>'s entries whose flag is set, or -1.</summary>
    public int FirstFlagged(int row, bool[] flags)
    {
        foreach (var number in Of(row))
        {
            if (flags[number])
            {
                return number;
            }
        }

        return -1;
    }
}
