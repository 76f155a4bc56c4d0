using Paperwire.Core.Papers;

namespace Paperwire.Thumbnails;

/// <summary>Where pages and the API find a paper's thumbnail; null when it has none (yet).</summary>
public static class ThumbnailLinks
{
    public static string? PathFor(Paper paper) => paper.Thumbnail is { IsStored: true } ? ThumbnailFiles.UrlPath(paper.Id) : null;

    /// <summary>The absolute address, as the HF-shaped API gives <c>thumbnail</c>.</summary>
    public static string? UrlFor(Paper paper, Uri? baseUri) =>
        PathFor(paper) is { } path && baseUri is not null ? new Uri(baseUri, path.TrimStart('/')).AbsoluteUri : null;
}
