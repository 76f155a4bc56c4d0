using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Search.Indexing;
using Paperwire.Storage.Coordination;
using Paperwire.Tests.SearchWeb;

namespace Paperwire.Tests.Digests;

/// <summary>
/// The period's papers for the personal-picks tests: two on protein folding (q-bio.BM) that few upvoted, and
/// black holes and compilers that many did; plus earlier protein papers for a reader to have upvoted.
/// </summary>
internal static class PicksPapers
{
    public static readonly Paper Shadows = InPeriod("2605.40001", 60, "Shadows of rotating black holes in the Event Horizon Telescope era",
        "We compute the photon ring and shadow of Kerr black holes and compare them with interferometric images of supermassive black holes at the centres of galaxies.", "gr-qc");

    public static readonly Paper Registers = InPeriod("2605.40002", 50, "Register allocation by graph colouring in optimizing compilers",
        "A graph colouring register allocator for an optimizing compiler coalesces moves and reduces spills on GPU kernels and embedded processors.", "cs.PL");

    public static readonly Paper Hawking = InPeriod("2605.40003", 40, "Hawking radiation and the information paradox",
        "Evaporating black holes emit thermal Hawking radiation; we discuss island formulas and the Page curve that restore unitarity in semiclassical gravity.", "hep-th");

    public static readonly Paper Folding = InPeriod("2605.40004", 30, "Deep learning predicts protein tertiary structure from sequence",
        "We train a transformer on multiple sequence alignments to predict the three-dimensional fold of a protein from its amino acid sequence, reaching near-experimental accuracy on held-out domains.", "q-bio.BM");

    public static readonly Paper Loops = InPeriod("2605.40005", 20, "Loop invariant code motion for just-in-time compilers",
        "We hoist loop-invariant computations in a tracing just-in-time compiler and measure speedups on dynamic language benchmarks.", "cs.PL");

    public static readonly Paper Chaperones = InPeriod("2605.40006", 10, "Misfolded proteins and chaperones in cellular stress",
        "Chaperone proteins recognise misfolded polypeptides and help them reach their native conformation; we measure how heat stress changes protein folding yields in yeast cells.", "q-bio.BM");

    public static Paper[] Period => [Shadows, Registers, Hawking, Folding, Loops, Chaperones];

    /// <summary>The period's papers as trending orders them: by upvotes, all submitted the same morning.</summary>
    public static IReadOnlyList<string> TrendingTitles => [.. Period.Select(p => p.Title)];

    public static Paper[] EarlierProteinPapers =>
    [
        Earlier("2604.40101", "Folding free-energy landscapes of small proteins from molecular dynamics",
            "Long all-atom molecular dynamics simulations reveal how small globular proteins fold, with intermediate states and kinetic traps along the folding pathway of the polypeptide chain."),
        Earlier("2604.40102", "Predicting residue contacts in protein structures with attention",
            "Attention-based neural networks predict which amino acid residues are in contact in the folded protein, and the contacts constrain structure prediction."),
        Earlier("2604.40103", "Protein design by inverting structure prediction networks",
            "We design amino acid sequences that fold into a target protein backbone by gradient descent through a structure prediction network."),
    ];

    /// <summary>
    /// Waits until this node's index has every paper written so far, upvotes included (so picks are not "warming up");
    /// the limit is only there to name what never happened rather than hang.
    /// </summary>
    public static async Task UntilIndexedAsync(TestApp app)
    {
        await app.UntilIndexedAsync();
        var indexes = app.Services.GetRequiredService<SearchIndexes>();
        await SearchTestKit.UntilAsync(
            () => Task.FromResult(!indexes.SemanticWarmingUp),
            "the index worker has seen every paper embedded and indexed",
            TimeSpan.FromMinutes(5));
    }

    private static Paper InPeriod(string id, int upvotes, string title, string summary, string category)
    {
        var paper = PaperFactory.InFeed(id, DigestKit.Period, upvotes: upvotes, title: title);
        paper.Summary = summary;
        paper.Categories = [category];
        return paper;
    }

    private static Paper Earlier(string id, string title, string summary)
    {
        var paper = PaperFactory.InCatalog(id, DigestKit.Period.AddDays(-30), title: title);
        paper.Summary = summary;
        paper.Categories = ["q-bio.BM"];
        return paper;
    }
}
