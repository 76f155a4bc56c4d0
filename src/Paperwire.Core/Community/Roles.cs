namespace Paperwire.Core.Community;

/// <summary>The roles a user can hold; anyone signed in may vote, comment and submit within the daily limits.</summary>
public static class Roles
{
    /// <summary>Runs the site: organizations, authorship verification, roles.</summary>
    public const string Admin = "admin";

    /// <summary>Hides comments.</summary>
    public const string Moderator = "moderator";

    /// <summary>A trusted submitter: no daily submission limit, may submit older papers.</summary>
    public const string Curator = "curator";

    public static readonly IReadOnlyList<string> All = [Admin, Moderator, Curator];
}
