namespace Paperwire.Ingest.Http;

/// <summary>The User-Agent arXiv sees: who we are and, when configured, whom to write to.</summary>
public static class ArxivUserAgent
{
    public const string Product = "Paperwire/1.0";
    public const string ProjectUrl = "https://github.com/paperwire";

    public static string Create(string? contact)
    {
        var mail = contact?.Trim();
        // Parentheses or line breaks would end the comment early or split the header.
        return string.IsNullOrEmpty(mail) || mail.IndexOfAny(['(', ')', '\r', '\n']) >= 0
            ? $"{Product} (+{ProjectUrl})"
            : $"{Product} (+{ProjectUrl}; mailto:{mail})";
    }
}
