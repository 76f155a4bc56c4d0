using System.Text.Json;

namespace Paperwire.Search.Indexing;

/// <summary>
/// How far an index generation has followed the database: the keyword index the catalog's change sequence, the
/// vector index the embedding sequence of <see cref="VectorModel"/>'s stored vectors. Written after the index it
/// describes is durable, so after a crash it can only lag; replaying a change is harmless. A state without a model
/// was written by a version whose vector index followed the change sequence instead; its vectors are kept but
/// followed again from the start of the embedding sequence.
/// </summary>
public sealed record IndexState(long KeywordSequence, long VectorSequence, string? VectorModel = null)
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
