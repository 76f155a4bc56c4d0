namespace Paperwire.Thumbnails;

/// <summary>Why a paper got no thumbnail: one of <see cref="Core.Papers.ThumbnailOutcome"/>'s values and a sentence.</summary>
public sealed class ThumbnailFailedException(string outcome, string message) : Exception(message)
{
    public string Outcome { get; } = outcome;
}
