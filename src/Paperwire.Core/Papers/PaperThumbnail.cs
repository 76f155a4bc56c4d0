namespace Paperwire.Core.Papers;

/// <summary>
/// What became of a paper's thumbnail, the first page of its PDF drawn small (docs/thumbnails.md): stored, with the
/// picture's size, or why not, so a PDF that cannot be drawn is not fetched from arXiv again every cycle. The picture
/// itself is a file in the thumbnails folder; this row is what pages and the API read.
/// </summary>
public sealed class PaperThumbnail
{
    public const int DetailLength = 500;

    public required string PaperId { get; set; }

    /// <summary>One of <see cref="ThumbnailOutcome"/>'s values.</summary>
    public required string Outcome { get; set; }

    /// <summary>For a failure, what went wrong, in words an operator can act on.</summary>
    public string? Detail { get; set; }

    /// <summary>The stored picture's size in pixels; 0 for a failure.</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>When the PDF was last asked for.</summary>
    public DateTimeOffset AttemptedAt { get; set; }

    public bool IsStored => Outcome == ThumbnailOutcome.Stored;
}

/// <summary>The outcomes a thumbnail attempt records.</summary>
public static class ThumbnailOutcome
{
    public const string Stored = "stored";

    /// <summary>The answer was not a PDF (an HTML error page, say).</summary>
    public const string NotPdf = "not-pdf";

    /// <summary>The PDF was larger than the configured cap; it was not downloaded whole.</summary>
    public const string TooLarge = "too-large";

    /// <summary>pdftoppm could not draw the first page (a corrupt PDF), or took too long.</summary>
    public const string RenderFailed = "render-failed";

    /// <summary>arXiv has no PDF at the address (404, 410, another 4xx).</summary>
    public const string NotFound = "not-found";

    /// <summary>arXiv did not answer usefully (network error, timeout, 5xx): tried again after a while.</summary>
    public const string Unreachable = "unreachable";
}
