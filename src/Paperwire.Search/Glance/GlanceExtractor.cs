using Paperwire.Search.Embeddings;

namespace Paperwire.Search.Glance;

/// <summary>A paper's key sentence (null when its abstract has none) and keywords, most telling first.</summary>
public sealed record GlanceResult(string? KeySentence, IReadOnlyList<string> Keywords);

/// <summary>
/// The texts of one abstract the model must embed: its candidate key sentences, then its candidate keyphrases.
/// </summary>
public sealed record GlanceTexts(IReadOnlyList<string> Sentences, IReadOnlyList<KeyphraseCandidate> Candidates)
{
    public IEnumerable<string> All => Sentences.Concat(Candidates.Select(c => c.Text));

    public int Count => Sentences.Count + Candidates.Count;
}

/// <summary>
/// Picks a key sentence and keywords from an abstract with the search model, extractively: the key sentence is the
/// abstract's sentence whose vector is closest (cosine) to the paper's own vector (title and abstract, the one search
/// already stored), so "central" means "closest to what the whole paper is about", the title included; keywords are
/// candidate phrases (<see cref="Keyphrases"/>) ranked by closeness to the paper vector with maximal marginal relevance,
/// which trades that closeness against closeness to the keywords already chosen, and with phrases that repeat a chosen
/// one's words (singular or plural, longer or shorter) left out.
/// </summary>
public static class GlanceExtractor
{
    /// <summary>Changes whenever what is picked would change: stored glances of another version are recomputed.</summary>
    public const string Algorithm = "glance-1";

    public const int KeywordCount = 5;

    /// <summary>Phrases embedded per paper at most; beyond, the most frequent and longest go first.</summary>
    public const int MaxCandidates = 40;

    /// <summary>Shorter sentences ("Code is available.") are not key sentences while one of fitting length exists.</summary>
    public const int MinSentenceWords = 6;

    /// <summary>Longer sentences (a formula spelled out) are not key sentences either while one of fitting length exists.</summary>
    public const int MaxSentenceWords = 60;

    /// <summary>Weight of closeness to the paper against distance from the chosen keywords (1: no diversity).</summary>
    public const float Relevance = 0.6f;

    public static GlanceTexts Prepare(string summary)
    {
        var sentences = SentenceSplitter.Split(summary);
        var fitting = sentences.Where(s => WordCount(s) is >= MinSentenceWords and <= MaxSentenceWords).ToList();
        var candidates = Keyphrases.Extract(summary);
        if (candidates.Count > MaxCandidates)
        {
            candidates = [.. candidates
                .Select((c, order) => (c, order))
                .OrderByDescending(x => x.c.Count).ThenByDescending(x => x.c.Key.Count(ch => ch == ' ')).ThenBy(x => x.order)
                .Take(MaxCandidates)
                .OrderBy(x => x.order)
                .Select(x => x.c)];
        }

        return new GlanceTexts(fitting.Count > 0 ? fitting : sentences, candidates);
    }

    /// <summary>The choice, given the paper's vector and one vector per text of <paramref name="texts"/>, in order.</summary>
    public static GlanceResult Choose(GlanceTexts texts, ReadOnlySpan<float> paper, IReadOnlyList<float[]> vectors)
    {
        string? key = null;
        var best = float.NegativeInfinity;
        for (var i = 0; i < texts.Sentences.Count; i++)
        {
            var similarity = VectorMath.Dot(vectors[i], paper);
            if (similarity > best)
            {
                (best, key) = (similarity, texts.Sentences[i]);
            }
        }

        var offset = texts.Sentences.Count;
        var relevance = new float[texts.Candidates.Count];
        for (var i = 0; i < relevance.Length; i++)
        {
            relevance[i] = VectorMath.Dot(vectors[offset + i], paper);
        }

        var chosen = new List<int>();
        var left = Enumerable.Range(0, relevance.Length).ToList();
        while (chosen.Count < KeywordCount && left.Count > 0)
        {
            var pick = -1;
            var pickScore = float.NegativeInfinity;
            foreach (var i in left)
            {
                var redundancy = chosen.Count == 0 ? 0 : chosen.Max(j => VectorMath.Dot(vectors[offset + i], vectors[offset + j]));
                var score = (Relevance * relevance[i]) - ((1 - Relevance) * redundancy);
                if (score > pickScore)
                {
                    (pickScore, pick) = (score, i);
                }
            }

            chosen.Add(pick);
            var words = Words(texts.Candidates[pick].Key);
            left.RemoveAll(i => i == pick || Overlaps(Words(texts.Candidates[i].Key), words));
        }

        return new GlanceResult(key, [.. chosen.Select(i => texts.Candidates[i].Text)]);
    }

    /// <summary>
    /// "neural networks" and "graph neural network" say the same twice (one's words contain the other's), and so do
    /// "rare event data" and "rare event prediction" (two words in common).
    /// </summary>
    private static bool Overlaps(HashSet<string> a, HashSet<string> b) => a.IsSubsetOf(b) || b.IsSubsetOf(a) || a.Count(b.Contains) >= 2;

    private static HashSet<string> Words(string key) => [.. key.Split(' ')];

    private static int WordCount(string sentence) => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
