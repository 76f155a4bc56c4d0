using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paperwire.Backups;

/// <summary>One file in a backup archive: its path inside the archive, size and SHA-256 (hex).</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);

/// <summary>
/// The first entry of every backup archive (<c>manifest.json</c>): what made it and when, the schema it holds (the
/// last applied EF Core migration), what it holds in numbers, and every other file with its size and checksum, so a
/// restore can tell a complete archive from a damaged or truncated one.
/// </summary>
public sealed record BackupManifest(
    string Format,
    int FormatVersion,
    string PaperwireVersion,
    DateTimeOffset CreatedAt,
    string Database,
    string? Migration,
    string? SearchGeneration,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyList<BackupFile> Files)
{
    public const string EntryName = "manifest.json";
    public const string FormatName = "paperwire-backup";
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest? FromJson(Stream stream) => JsonSerializer.Deserialize<BackupManifest>(stream, Json);
}
