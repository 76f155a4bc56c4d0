namespace Paperwire.Storage.Images;

/// <summary>
/// An uploaded picture (a member's avatar, an organization's logo), kept in the database so that every node of a
/// cluster serves the same bytes. Only PNG, JPEG and WebP that passed validation are ever stored.
/// </summary>
public sealed class StoredImage
{
    public const int VersionLength = 16;

    /// <summary><c>user:{userId}</c> or <c>org:{name}</c>.</summary>
    public required string Key { get; set; }

    /// <summary>The media type the bytes were recognised as (never what the client claimed).</summary>
    public required string ContentType { get; set; }

    public required byte[] Data { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>The first hex digits of the bytes' SHA-256: part of the address, so a new upload is a new URL.</summary>
    public required string Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static string UserKey(string userId) => "user:" + userId;

    public static string OrganizationKey(string name) => "org:" + name;
}
