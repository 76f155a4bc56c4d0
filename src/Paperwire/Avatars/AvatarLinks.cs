using Paperwire.Core.Papers;

namespace Paperwire.Avatars;

/// <summary>Addresses of avatars and logos, all on this site's own origin (the CSP's <c>img-src 'self'</c>).</summary>
public static class AvatarLinks
{
    /// <summary>The generated initials avatar of any name (an author, a user without a picture, an organization).</summary>
    public static string Initials(string name) => $"/avatars/initials.svg?name={Uri.EscapeDataString(name)}&v={InitialsAvatar.Version}";

    /// <summary>
    /// A member's picture that never changes address (the API's <c>avatarUrl</c>): the upload, or a redirect to the
    /// initials; cached briefly.
    /// </summary>
    public static string User(string userName) => $"/avatars/users/{Uri.EscapeDataString(userName)}";

    /// <summary>A member's picture for pages: the versioned address of the upload (cached for good), else the initials.</summary>
    public static string User(string userName, string? avatarVersion) =>
        avatarVersion is null ? Initials(userName) : $"{User(userName)}?v={avatarVersion}";

    /// <summary>An organization's logo that never changes address: the upload, the https logo, or the initials.</summary>
    public static string OrganizationStable(string name) => $"/avatars/orgs/{Uri.EscapeDataString(name)}";

    /// <summary>An organization's logo for pages and the API: the upload (versioned), else its https logo, else its initials.</summary>
    public static string Organization(Organization organization) =>
        organization.LogoVersion is { } version ? $"{OrganizationStable(organization.Name)}?v={version}"
        : organization.AvatarUrl ?? Initials(organization.FullName);
}
