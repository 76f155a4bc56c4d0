using System.Text.Json;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.HuggingFace;

/// <summary>A daily-papers JSON file (a saved <c>/api/daily_papers</c> answer, or many of them joined), streamed.</summary>
internal sealed class HfFile : IDisposable
{
    private readonly FileStream file;
    private readonly string path;

    private HfFile(string path, FileStream file)
    {
        this.path = path;
        this.file = file;
    }

    public long Length => file.Length;

    public long Position => file.Position;

    public static HfFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{path}: no such file.");
        }

        return new HfFile(path, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
    }

    public IAsyncEnumerable<JsonElement> ReadAsync(CancellationToken cancellationToken) => HfJsonArray.ReadAsync(file, path, cancellationToken);

    public void Dispose() => file.Dispose();
}
