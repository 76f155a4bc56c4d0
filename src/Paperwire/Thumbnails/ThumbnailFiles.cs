using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;

namespace Paperwire.Thumbnails;

/// <summary>
/// The thumbnails folder (<see cref="ThumbnailOptions.Directory"/>): one PNG per arXiv paper, named after its id (an
/// old-style id's slash becomes <c>_</c>, which no id contains). A picture is copied in under a hidden temporary name
/// and renamed into place, so a reader never gets half a file and a crash leaves at most a stray temporary.
/// </summary>
public sealed class ThumbnailFiles(IOptions<ThumbnailOptions> options)
{
    public const string UrlPrefix = "/thumbnails/";
    public const string Extension = ".png";

    public string Folder => options.Value.Directory!;

    /// <summary>The site-relative address of <paramref name="arxivId"/>'s thumbnail (old-style ids keep their slash, as on paper pages).</summary>
    public static string UrlPath(string arxivId) => UrlPrefix + arxivId + Extension;

    /// <summary>
    /// The arXiv id an address (the part after <c>/thumbnails/</c>) names; false for anything else: a local id, a
    /// version, another extension, a path that climbs out. Only an id exactly as the catalog writes it is accepted.
    /// </summary>
    public static bool TryGetArxivId(string? file, out string arxivId)
    {
        arxivId = "";
        if (file is null || !file.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var stem = file[..^Extension.Length];
        if (!PaperId.TryNormalize(stem, out var id) || id != stem || id.StartsWith(PaperId.LocalPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        arxivId = id;
        return true;
    }

    public string PathOf(string arxivId)
    {
        var path = Path.GetFullPath(Path.Combine(Folder, arxivId.Replace('/', '_') + Extension));
        // The id's shape already rules out separators and dots that climb; this holds whatever an id may become.
        if (!string.Equals(Path.GetDirectoryName(path), Path.GetFullPath(Folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new ArgumentException($"{arxivId} does not name a file in the thumbnails folder.", nameof(arxivId));
        }

        return path;
    }

    public bool Exists(string arxivId) => File.Exists(PathOf(arxivId));

    /// <summary>Copies <paramref name="rendered"/> into the folder as <paramref name="arxivId"/>'s thumbnail, atomically.</summary>
    public async Task InstallAsync(string rendered, string arxivId, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var target = PathOf(arxivId);
        var partial = Path.Combine(Folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var source = File.OpenRead(rendered))
            await using (var copy = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
            {
                await source.CopyToAsync(copy, cancellationToken);
                // On disk before the rename, so a crash cannot leave the final name on an empty file.
                copy.Flush(flushToDisk: true);
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
