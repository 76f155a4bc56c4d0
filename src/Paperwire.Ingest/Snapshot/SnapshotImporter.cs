using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Snapshot;

/// <summary><c>paperwire import snapshot FILE</c>: streams a snapshot file through the import pipeline.</summary>
public sealed class SnapshotImporter(ImportPipeline pipeline)
{
    public async Task<ImportSummary> ImportAsync(string path, SnapshotFilter filter, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var file = SnapshotFile.Open(path);
        return await pipeline.RunAsync(file.ReadAsync(filter, cancellationToken), options, () => (file.Position, file.Length, "bytes"), progress, cancellationToken);
    }
}
