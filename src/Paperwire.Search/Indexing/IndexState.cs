using System.Text.Json;

namespace Paperwire.Search.Indexing;

/// <summary>
/// How far an index generation has followed the catalog's change sequence. Written after the index it
/// describes is durable, so after a crash it can only lag; replaying a change is harmless.
/// </summary>
public sealed record IndexState(long KeywordSequence, long VectorSequence)
{
    public const string FileName = "state.json";

    public static IndexState Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<IndexState>(File.ReadAllText(path)) ?? new(0, 0) : new(0, 0);
    }

    public void Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
