namespace Paperwire.Core.Papers;

/// <summary>A lab, company or community that papers are linked to (<c>/orgs/{name}</c>).</summary>
public sealed class Organization
{
    /// <summary>The short handle used in URLs, e.g. <c>huggingface</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The display name, e.g. <c>Hugging Face</c>.</summary>
    public required string FullName { get; set; }

    /// <summary>An https address of a logo elsewhere (set by a site admin or imported from HF).</summary>
    public string? AvatarUrl { get; set; }

    /// <summary>
    /// The version of the logo an organization admin uploaded (stored in the images table), or null; it goes into
    /// the logo's address so the image can be cached for good. An uploaded logo wins over <see cref="AvatarUrl"/>.
    /// </summary>
    public string? LogoVersion { get; set; }
}
