using System.Text.RegularExpressions;

namespace Paperwire.Recommend.Evaluation;

/// <summary>
/// An interest a synthetic reader has, defined by data the model does not learn from directly: an arXiv primary
/// category, or words in the title (or said twice in the abstract). Never by the vectors: a topic cut out of the
/// embedding space would be found by nearest neighbours by construction.
/// </summary>
public sealed record Topic(string Name, Func<EvaluationPaper, bool> Contains)
{
    public static Topic Category(string category) =>
        new(category, paper => paper.PrimaryCategory == category);

    public static Topic Keyword(string name, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return new(name, paper => regex.IsMatch(paper.Title) || regex.Count(paper.Summary) >= 2);
    }

    /// <summary>Keyword topics over the arXiv sample (most of it is mathematics, with some computer science).</summary>
    public static IReadOnlyList<Topic> Keywords { get; } =
    [
        Keyword("language models", @"\blanguage models?\b|\bLLMs?\b"),
        Keyword("reinforcement learning", @"\breinforcement learning\b"),
        Keyword("quantum", @"\bquantum\b"),
        Keyword("Schrödinger equations", @"Schr(ö|o|\\""o)dinger"),
        Keyword("Navier–Stokes", @"Navier.Stokes"),
        Keyword("Lie algebras", @"\bLie (super)?algebras?\b"),
        Keyword("Markov chains", @"\bMarkov (chains?|decision)"),
        Keyword("neural networks", @"\bneural networks?\b"),
        Keyword("deep learning", @"\bdeep learning\b"),
        Keyword("stochastic differential equations", @"\bstochastic differential equations?\b|\bSDEs?\b"),
        Keyword("images", @"\bimages?\b"),
        Keyword("Bayesian methods", @"\bBayesian\b"),
        Keyword("games", @"\bgames?\b|\bgame[- ]theor"),
        Keyword("wave equations", @"\bwave equations?\b"),
        Keyword("Hamiltonians", @"\bHamiltonian\b"),
        Keyword("Banach spaces", @"\bBanach spaces?\b"),
        Keyword("permutations", @"\bpermutations?\b"),
        Keyword("primes", @"\bprimes?\b"),
        Keyword("mean field", @"\bmean[- ]field\b"),
        Keyword("robots", @"\brobots?\b|\brobotic"),
        Keyword("optimal control", @"\boptimal control\b"),
        Keyword("finite elements", @"\bfinite[- ]element"),
        Keyword("knots", @"\bknots?\b"),
        Keyword("Ricci flow and curvature", @"\bRicci\b"),
        Keyword("elliptic curves", @"\belliptic curves?\b"),
        Keyword("hypergraphs", @"\bhypergraphs?\b"),
        Keyword("Brownian motion", @"\bBrownian\b"),
    ];
}
