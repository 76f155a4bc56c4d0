namespace Paperwire.Core.Papers;

/// <summary>
/// What a reader can take in at a glance, picked from the paper's own abstract (extractive, nothing written anew):
/// its most central sentence and five keyphrases. Derived data: computed in the background once per paper text and
/// <see cref="Version"/>, and served as <c>ai_summary</c>/<c>ai_keywords</c> when no imported value is there.
/// </summary>
public sealed class PaperGlance
{
    public required string PaperId { get; set; }

    /// <summary>The embedding model and the extraction's version it was computed with; another version recomputes it.</summary>
    public required string Version { get; set; }

    /// <summary>The hash of the paper text the vectors were made from (the paper vector's): a new abstract, a new glance.</summary>
    public long TextHash { get; set; }

    /// <summary>A sentence of the abstract, verbatim; null when the abstract has no sentence worth showing.</summary>
    public string? KeySentence { get; set; }

    /// <summary>Up to five phrases of the abstract, most telling first.</summary>
    public List<string> Keywords { get; set; } = [];
}
