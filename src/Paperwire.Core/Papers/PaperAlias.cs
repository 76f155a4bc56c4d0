namespace Paperwire.Core.Papers;

/// <summary>
/// A retired paper id that now names another paper: a local paper (<c>pw-…</c>) found on arXiv becomes its arXiv
/// twin, and its old id redirects there. The alias takes a number of the change sequence when it is made, so that
/// derived data (the search indexes) learns that the old id is gone.
/// </summary>
public sealed class PaperAlias
{
    public required string Alias { get; set; }

    public required string PaperId { get; set; }

    public long ChangeSequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
