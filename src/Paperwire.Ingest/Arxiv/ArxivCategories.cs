namespace Paperwire.Ingest.Arxiv;

/// <summary>
/// arXiv's category taxonomy (https://arxiv.org/category_taxonomy) plus the archives of old-style ids,
/// so a typo or garbage in a categories field is caught at import instead of polluting filters.
/// </summary>
public static class ArxivCategories
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        // Computer science
        "cs.AI", "cs.AR", "cs.CC", "cs.CE", "cs.CG", "cs.CL", "cs.CR", "cs.CV", "cs.CY", "cs.DB", "cs.DC", "cs.DL", "cs.DM",
        "cs.DS", "cs.ET", "cs.FL", "cs.GL", "cs.GR", "cs.GT", "cs.HC", "cs.IR", "cs.IT", "cs.LG", "cs.LO", "cs.MA", "cs.MM",
        "cs.MS", "cs.NA", "cs.NE", "cs.NI", "cs.OH", "cs.OS", "cs.PF", "cs.PL", "cs.RO", "cs.SC", "cs.SD", "cs.SE", "cs.SI", "cs.SY",
        // Economics, electrical engineering
        "econ.EM", "econ.GN", "econ.TH", "eess.AS", "eess.IV", "eess.SP", "eess.SY",
        // Mathematics
        "math.AC", "math.AG", "math.AP", "math.AT", "math.CA", "math.CO", "math.CT", "math.CV", "math.DG", "math.DS", "math.FA",
        "math.GM", "math.GN", "math.GR", "math.GT", "math.HO", "math.IT", "math.KT", "math.LO", "math.MG", "math.MP", "math.NA",
        "math.NT", "math.OA", "math.OC", "math.PR", "math.QA", "math.RA", "math.RT", "math.SG", "math.SP", "math.ST",
        // Physics
        "astro-ph", "astro-ph.CO", "astro-ph.EP", "astro-ph.GA", "astro-ph.HE", "astro-ph.IM", "astro-ph.SR",
        "cond-mat", "cond-mat.dis-nn", "cond-mat.mes-hall", "cond-mat.mtrl-sci", "cond-mat.other", "cond-mat.quant-gas",
        "cond-mat.soft", "cond-mat.stat-mech", "cond-mat.str-el", "cond-mat.supr-con",
        "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nucl-ex", "nucl-th", "quant-ph",
        "nlin.AO", "nlin.CD", "nlin.CG", "nlin.PS", "nlin.SI",
        "physics.acc-ph", "physics.ao-ph", "physics.app-ph", "physics.atm-clus", "physics.atom-ph", "physics.bio-ph",
        "physics.chem-ph", "physics.class-ph", "physics.comp-ph", "physics.data-an", "physics.ed-ph", "physics.flu-dyn",
        "physics.gen-ph", "physics.geo-ph", "physics.hist-ph", "physics.ins-det", "physics.med-ph", "physics.optics",
        "physics.plasm-ph", "physics.pop-ph", "physics.soc-ph", "physics.space-ph",
        // Quantitative biology and finance, statistics
        "q-bio.BM", "q-bio.CB", "q-bio.GN", "q-bio.MN", "q-bio.NC", "q-bio.OT", "q-bio.PE", "q-bio.QM", "q-bio.SC", "q-bio.TO",
        "q-fin.CP", "q-fin.EC", "q-fin.GN", "q-fin.MF", "q-fin.PM", "q-fin.PR", "q-fin.RM", "q-fin.ST", "q-fin.TR",
        "stat.AP", "stat.CO", "stat.ME", "stat.ML", "stat.OT", "stat.TH",
        // Archives that only old-style ids use
        "acc-phys", "adap-org", "alg-geom", "ao-sci", "atom-ph", "bayes-an", "chao-dyn", "chem-ph", "cmp-lg", "comp-gas",
        "dg-ga", "funct-an", "mtrl-th", "patt-sol", "plasm-ph", "q-alg", "q-bio", "solv-int", "supr-con",
    };

    public static bool IsKnown(string category) => Known.Contains(category);

    /// <summary>A category, or an archive whose categories share its prefix (<c>cs</c> for cs.AI, cs.CL, …).</summary>
    public static bool IsKnownOrArchive(string name) => Known.Contains(name) || InArchive(name).Count > 0;

    /// <summary>The categories of an archive (<c>cs</c>: cs.AI, cs.AR, …); empty for anything else.</summary>
    public static IReadOnlyList<string> InArchive(string archive) =>
        archive.Length == 0 || archive.Contains('.', StringComparison.Ordinal)
            ? []
            : [.. Known.Where(c => c.StartsWith(archive + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Parses a filter like <c>cs.*,stat.ML</c>: a pattern ending in <c>.*</c> matches a whole archive.
    /// Returns false with the offending pattern when one matches no known category.
    /// </summary>
    public static bool TryParseFilter(string filter, out Func<IReadOnlyList<string>, bool> matches, out string? invalid)
    {
        var patterns = filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        invalid = patterns.FirstOrDefault(p => !Known.Any(k => Matches(p, k)));
        matches = categories => categories.Any(c => patterns.Any(p => Matches(p, c)));
        return invalid is null && patterns.Length > 0;
    }

    private static bool Matches(string pattern, string category) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? category.StartsWith(pattern[..^1], StringComparison.Ordinal) || category == pattern[..^2]
            : category == pattern;
}
