namespace Paperwire.Core.Community;

/// <summary>A user who belongs to an organization and may link the papers they submit to it.</summary>
public sealed class OrganizationMember
{
    public required string OrganizationName { get; set; }

    public required string UserId { get; set; }

    /// <summary>An organization admin: may change the organization's logo (site admins may too).</summary>
    public bool IsAdmin { get; set; }
}
