using System.Text.Json;

namespace Paperwire.Bench.Search.Corpus;

/// <summary>
/// Search queries of the kinds people type: the 45 hand-written ones of the evaluation set, fragments of real
/// titles (a half-remembered paper), topic phrases, and author names. All distinct; the order is fixed by the seed.
/// </summary>
internal static class QuerySet
{
    private static readonly string[] Topics =
    [
        "graph neural networks", "diffusion models for image generation", "reinforcement learning from human feedback",
        "large language model reasoning", "retrieval augmented generation", "vision transformer", "contrastive self-supervised learning",
        "federated learning privacy", "adversarial robustness", "neural architecture search", "speech recognition",
        "machine translation for low-resource languages", "knowledge distillation", "continual learning catastrophic forgetting",
        "object detection for autonomous driving", "point cloud segmentation", "medical image segmentation", "time series forecasting",
        "anomaly detection", "recommender systems", "causal inference", "bayesian optimization", "gaussian processes",
        "variational inference", "convergence of stochastic gradient descent", "convex optimization", "multi-agent reinforcement learning",
        "robot manipulation", "motion planning", "quantum error correction", "quantum algorithms", "topological insulators",
        "superconductivity", "dark matter", "gravitational waves", "black hole thermodynamics", "exoplanet atmospheres",
        "galaxy formation", "cosmic microwave background", "neutrino oscillations", "lattice QCD", "turbulence simulation",
        "navier-stokes equations", "random matrix theory", "graph coloring", "prime numbers", "elliptic curves", "algebraic geometry",
        "partial differential equations", "stochastic differential equations", "high-dimensional statistics", "hypothesis testing",
        "causal discovery", "protein structure prediction", "single-cell RNA sequencing", "epidemic modeling", "climate models",
        "power grid optimization", "MIMO wireless communication", "channel estimation", "image super-resolution", "video understanding",
        "neural radiance fields 3D reconstruction", "text-to-speech", "code generation with language models", "hallucination in LLMs",
        "prompt injection attacks", "mixture of experts", "model compression and pruning", "sparse attention for long context",
        "fairness in machine learning", "explainable AI", "LLM agents", "semantic segmentation", "optical flow estimation",
        "spiking neural networks", "blockchain consensus", "compiler optimization", "software vulnerability detection", "formal verification",
    ];

    public static IReadOnlyList<string> Build(SourceCorpus corpus, string evaluationSet, ulong seed)
    {
        var queries = new List<string>();
        using (var stream = File.OpenRead(evaluationSet))
        {
            queries.AddRange(JsonDocument.Parse(stream).RootElement.GetProperty("queries").EnumerateArray()
                .Select(q => q.GetProperty("query").GetString()!));
        }

        queries.AddRange(Topics);

        var rng = new Rng(seed, 0x51_0000);
        var papers = corpus.Papers;
        for (var added = 0; added < 120;)
        {
            var words = papers[rng.Next(papers.Count)].Title.Split(' ');
            if (words.Length < 4)
            {
                continue;
            }

            var length = Math.Min(words.Length, 3 + rng.Next(4));
            var fragment = string.Join(' ', words.Skip(rng.Next(words.Length - length + 1)).Take(length));
            queries.Add(rng.Chance(0.5) ? fragment.ToLowerInvariant() : fragment);
            added++;
        }

        for (var added = 0; added < 20;)
        {
            var paper = papers[rng.Next(papers.Count)];
            if (paper.Authors.Count == 0)
            {
                continue;
            }

            var author = rng.Pick(paper.Authors);
            // Some people type the whole name, some the surname and a word of the topic.
            queries.Add(rng.Chance(0.5) ? author : $"{author.Split(' ')[^1]} {rng.Pick(paper.Title.Split(' ').Where(w => w.Length > 5).DefaultIfEmpty("paper").ToArray())}");
            added++;
        }

        var distinct = queries.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return Shuffle(distinct, new Rng(seed, 0x51_0001));
    }

    public static List<T> Shuffle<T>(IEnumerable<T> items, Rng rng)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
