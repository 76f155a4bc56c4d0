namespace Paperwire.Citations.Import;

/// <summary>
/// One reference read from a BibTeX or RIS file: what matching needs (identifiers and title) and what the result page
/// shows. <paramref name="Line"/> is where the entry starts in the file (1-based).
/// </summary>
public sealed record ReferenceEntry(int Line, string? Key, string? Title, IReadOnlyList<string> Authors, string? Year, string? ArxivId, string? Doi);

/// <summary>
/// The file is not BibTeX or RIS as far as <paramref name="Line"/> (1-based); <see cref="EntriesBefore"/> were read
/// before it. The only exception the reference parsers throw.
/// </summary>
public sealed class ReferenceFormatException(string message, int line, IReadOnlyList<ReferenceEntry> entriesBefore) : Exception(message)
{
    public int Line { get; } = line;

    public IReadOnlyList<ReferenceEntry> EntriesBefore { get; } = entriesBefore;
}
