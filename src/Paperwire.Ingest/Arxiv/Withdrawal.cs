namespace Paperwire.Ingest.Arxiv;

/// <summary>arXiv marks a withdrawal in the comments ("This paper has been withdrawn") or abstract.</summary>
public static class Withdrawal
{
    public static bool IsWithdrawn(string summary, string? comments) =>
        Mentions(comments) || summary.Length < 400 && Mentions(summary);

    private static bool Mentions(string? text) =>
        text is not null
        && (text.Contains("has been withdrawn", StringComparison.OrdinalIgnoreCase)
            || text.Contains("paper is withdrawn", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("withdrawn", StringComparison.OrdinalIgnoreCase));
}
