using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Paperwire.Core.Feed;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.HuggingFace;

/// <summary>
/// <c>paperwire import hf FILE|URL</c>: mirrors a Hugging Face daily-papers feed (a file, huggingface.co, or another
/// Paperwire) into the catalog: papers with their feed date, upvotes, submitter and organization. Upvotes are taken
/// from the source (<see cref="ImportOptions.MirrorsFeed"/>); a paper already in the feed keeps its feed entry.
/// </summary>
public sealed class HuggingFaceImporter(ImportPipeline pipeline, HfFeedClient client, ILogger<HuggingFaceImporter> logger)
{
    public async Task<ImportSummary> ImportAsync(HfImportRequest request, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        options = options with { MirrorsFeed = true };
        var items = new StrongBox<long>();
        if (request.TryGetBaseAddress(out var baseAddress))
        {
            // The server filters by window itself; its page count is unknown until the last page.
            var pages = client.ReadAsync(baseAddress, request.Window, request.PageSize, cancellationToken);
            return await pipeline.RunAsync(MapAsync(pages, null, items, cancellationToken), options, () => (items.Value, null, "items"), progress, cancellationToken);
        }

        using var file = HfFile.Open(request.Source);
        return await pipeline.RunAsync(MapAsync(file.ReadAsync(cancellationToken), request.Window, items, cancellationToken), options, () => (file.Position, file.Length, "bytes"), progress, cancellationToken);
    }

    private async IAsyncEnumerable<ParsedRecord> MapAsync(IAsyncEnumerable<JsonElement> source, FeedWindow? window, StrongBox<long> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            items.Value++;
            var record = HfItemMapper.Map(item, $"item {items.Value}", Dropped);
            var outside = window is not null && record.Paper?.FeedEntry is { } entry && (entry.FeedDate < window.Start || entry.FeedDate >= window.End);
            yield return outside ? ParsedRecord.Skip() : record;
        }
    }

    private void Dropped(HfDroppedValue dropped) =>
        logger.LogWarning("{Where}: {Field} '{Value}' is not a valid name; the paper is imported without it", dropped.Where, dropped.Field, dropped.Value);
}
