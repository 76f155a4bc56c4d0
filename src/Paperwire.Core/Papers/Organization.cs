namespace Paperwire.Core.Papers;

/// <summary>A lab, company or community that papers are linked to (<c>/orgs/{name}</c>).</summary>
public sealed class Organization
{
    /// <summary>The short handle used in URLs, e.g. <c>huggingface</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The display name, e.g. <c>Hugging Face</c>.</summary>
    public required string FullName { get; set; }

    public string? AvatarUrl { get; set; }
}
