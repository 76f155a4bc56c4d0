using System.Numerics.Tensors;
using Paperwire.Search;

namespace Paperwire.Bench.Search.Corpus;

/// <summary>
/// A corpus of any size made from the real papers: papers <c>0..R-1</c> are the real ones, every later paper
/// mixes 2–3 real papers (its abstract takes sentences from each, its title is one of their titles with a few
/// words swapped in from another) and its vector is the same mix of their model vectors plus Gaussian noise.
/// Everything about paper <c>i</c> follows from (seed, i) alone, so any process can regenerate any paper; papers
/// at or past <see cref="Count"/> are "held out": never indexed, used as query vectors.
/// </summary>
internal sealed class SyntheticCorpus
{
    /// <summary>How the noise on a synthetic paper's vector is drawn.</summary>
    public enum NoiseShape
    {
        /// <summary>Gaussian in all 384 directions alike: every synthetic paper moves off the real papers' span.</summary>
        Isotropic,

        /// <summary>
        /// A random combination of differences between real papers (their centred vectors): the synthetic paper
        /// moves only in directions real abstracts differ in, with the real papers' covariance.
        /// </summary>
        DataShaped,
    }

    /// <summary>Centred real vectors combined into one data-shaped noise vector.</summary>
    private const int NoiseTerms = 24;

    public const int Dimensions = 384;

    /// <summary>
    /// Length of the noise added to the unit-length mix: the paper's vector keeps a cosine of about 0.96 with
    /// its mix, so synthetic papers of the same sources are near, not identical (no ties in an exact scan).
    /// </summary>
    public const float DefaultNoiseNorm = 0.3f;

    private const double PrimarySentenceShare = 0.55;
    private const double SameCategorySources = 0.8;
    private const double OrganizationShare = 0.15;
    private const double InFeedShare = 0.02;
    private static readonly DateOnly LastDate = new(2026, 5, 31);

    /// <summary>Hugging Face organizations, most frequent first (the shipped corpora name none, so these are invented).</summary>
    private static readonly string[] Organizations =
    [
        "google", "meta-llama", "microsoft", "nvidia", "Qwen", "deepseek-ai", "allenai", "openai", "apple", "huggingface",
        "mistralai", "ByteDance", "alibaba", "stanford", "mit", "tencent", "baidu", "amazon", "ibm", "salesforce",
    ];

    private readonly SourceCorpus sources;
    private readonly float[][] sourceVectors;
    private readonly ulong seed;
    private readonly float noiseNorm;
    private readonly NoiseShape noiseShape;
    private readonly float[] meanVector = new float[Dimensions];

    public SyntheticCorpus(SourceCorpus sources, float[][] sourceVectors, int count, ulong seed,
        float noiseNorm = DefaultNoiseNorm, NoiseShape noiseShape = NoiseShape.Isotropic)
    {
        this.sources = sources;
        this.sourceVectors = sourceVectors;
        this.seed = seed;
        this.noiseNorm = noiseNorm;
        this.noiseShape = noiseShape;
        foreach (var vector in sourceVectors)
        {
            TensorPrimitives.Add(meanVector, vector, meanVector);
        }

        TensorPrimitives.Divide(meanVector, sourceVectors.Length, meanVector);
        Count = count;
    }

    public NoiseShape Shape => noiseShape;

    /// <summary>Papers in the index.</summary>
    public int Count { get; }

    /// <summary>How many of the first papers are the real ones.</summary>
    public int RealCount => sources.Papers.Count;

    public string Id(int i) => i < RealCount ? sources.Papers[i].Id : $"syn-{i:D7}";

    public ulong Key(int i) => PaperKey.For(Id(i));

    public IndexedPaper Paper(int i)
    {
        if (i < RealCount)
        {
            var real = sources.Papers[i];
            return new IndexedPaper(real.Id, real.Title, real.Abstract, real.Authors, real.Categories, real.Date, null, real.InFeed, false, i + 1);
        }

        var rng = new Rng(seed, (ulong)i);
        var plan = MakePlan(ref rng);
        var primary = sources.Papers[plan.Sources[0]];
        var secondaries = plan.Sources.Skip(1).Select(s => sources.Papers[s]).ToArray();

        var summary = string.Join(' ', plan.Pieces.Select(p => sources.Papers[p.Source].Sentences[p.Sentence]));
        var title = SwapTitleWords(primary.Title, secondaries, ref rng);

        var authors = (primary.Authors.Count > 0 ? primary.Authors : secondaries[0].Authors).ToList();
        var donor = rng.Pick(secondaries);
        if (authors.Count > 0 && donor.Authors.Count > 0 && rng.Chance(0.5))
        {
            authors[rng.Next(authors.Count)] = rng.Pick(donor.Authors);
        }

        var categories = (primary.Categories.Count > 0 ? primary.Categories : donor.Categories).ToList();
        if (donor.Categories.Count > 0 && !categories.Contains(donor.Categories[0]) && rng.Chance(0.3))
        {
            categories.Add(donor.Categories[0]);
        }

        var date = rng.Pick(sources.Papers).Date.AddDays(rng.Next(61) - 30);
        var organization = rng.Chance(OrganizationShare)
            ? Organizations[(int)(Organizations.Length * Math.Pow(rng.NextDouble(), 2))]
            : null;
        return new IndexedPaper(Id(i), title, summary, authors, categories, date > LastDate ? LastDate : date,
            organization, rng.Chance(InFeedShare), false, i + 1);
    }

    /// <summary>Writes the unit-length vector of paper <paramref name="i"/> (any i, held-out ones too).</summary>
    public void Vector(int i, Span<float> destination)
    {
        if (i < RealCount)
        {
            sourceVectors[i].CopyTo(destination);
            return;
        }

        var rng = new Rng(seed, (ulong)i);
        var plan = MakePlan(ref rng);
        destination.Clear();
        for (var s = 0; s < plan.Sources.Length; s++)
        {
            TensorPrimitives.MultiplyAdd(sourceVectors[plan.Sources[s]], plan.Weights[s], destination, destination);
        }

        Normalize(destination);
        var noise = new Rng(seed ^ 0x9E3779B97F4A7C15UL, (ulong)i);
        if (noiseShape == NoiseShape.Isotropic)
        {
            var sigma = noiseNorm / MathF.Sqrt(Dimensions);
            for (var d = 0; d < destination.Length; d++)
            {
                destination[d] += sigma * noise.NextGaussian();
            }
        }
        else
        {
            AddDataShapedNoise(destination, ref noise);
        }

        Normalize(destination);
    }

    /// <summary>Adds Σ gⱼ (vⱼ − mean) over random real papers j, scaled to length <see cref="noiseNorm"/>.</summary>
    private void AddDataShapedNoise(Span<float> destination, ref Rng noise)
    {
        Span<float> shaped = stackalloc float[Dimensions];
        Span<float> centred = stackalloc float[Dimensions];
        shaped.Clear();
        for (var term = 0; term < NoiseTerms; term++)
        {
            TensorPrimitives.Subtract(sourceVectors[noise.Next(sourceVectors.Length)], meanVector, centred);
            TensorPrimitives.MultiplyAdd(centred, (float)noise.NextGaussian(), shaped, shaped);
        }

        var norm = TensorPrimitives.Norm(shaped);
        if (norm > 0)
        {
            TensorPrimitives.MultiplyAdd(shaped, noiseNorm / norm, destination, destination);
        }
    }

    public float[] Vector(int i)
    {
        var vector = new float[Dimensions];
        Vector(i, vector);
        return vector;
    }

    private Plan MakePlan(ref Rng rng)
    {
        var papers = sources.Papers;
        var primary = rng.Next(papers.Count);
        var picked = new List<int> { primary };
        var wanted = 1 + rng.Next(2);
        var category = papers[primary].Categories.Count > 0 ? papers[primary].Categories[0] : null;
        for (var attempt = 0; picked.Count <= wanted && attempt < 10; attempt++)
        {
            // Mostly from the same field, as an abstract's sentences would be.
            var candidate = category is not null && rng.Chance(SameCategorySources)
                ? rng.Pick(sources.ByCategory[category])
                : rng.Next(papers.Count);
            if (!picked.Contains(candidate) && papers[candidate].Sentences.Length > 0)
            {
                picked.Add(candidate);
            }
        }

        for (var next = primary + 1; picked.Count == 1; next++)
        {
            if (papers[next % papers.Count].Sentences.Length > 0)
            {
                picked.Add(next % papers.Count);
            }
        }

        var sentences = Math.Clamp(papers[primary].Sentences.Length, 3, 12);
        var pieces = new Piece[sentences];
        for (var j = 0; j < sentences; j++)
        {
            if (j < papers[primary].Sentences.Length && rng.Chance(PrimarySentenceShare))
            {
                pieces[j] = new Piece(primary, j);
            }
            else
            {
                var source = picked[1 + rng.Next(picked.Count - 1)];
                pieces[j] = new Piece(source, rng.Next(papers[source].Sentences.Length));
            }
        }

        // Each source weighs what it contributed: its sentences, and the title for the primary.
        var weights = new float[picked.Count];
        weights[0] = papers[primary].Title.Length;
        foreach (var piece in pieces)
        {
            weights[picked.IndexOf(piece.Source)] += papers[piece.Source].Sentences[piece.Sentence].Length;
        }

        TensorPrimitives.Divide(weights, TensorPrimitives.Sum(weights), weights);
        return new Plan([.. picked], pieces, weights);
    }

    private static string SwapTitleWords(string title, SourcePaper[] donors, ref Rng rng)
    {
        var words = title.Split(' ');
        var donorWords = donors.SelectMany(d => d.Title.Split(' ')).Where(w => w.Length >= 4).ToArray();
        if (donorWords.Length == 0)
        {
            return title;
        }

        var swaps = 1 + rng.Next(3);
        for (var s = 0; s < swaps; s++)
        {
            var at = rng.Next(words.Length);
            if (words[at].Length >= 4)
            {
                words[at] = rng.Pick(donorWords);
            }
        }

        return string.Join(' ', words);
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    private readonly record struct Piece(int Source, int Sentence);

    private sealed record Plan(int[] Sources, Piece[] Pieces, float[] Weights);
}
