namespace Paperwire.Ingest;

/// <summary>Text clean-up shared by every importer.</summary>
public static class Text
{
    /// <summary>Collapses runs of whitespace and line breaks into single spaces and trims the ends.</summary>
    public static string NormalizeWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
