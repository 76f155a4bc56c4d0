using Paperwire.Hosting;
using Paperwire.Storage.Coordination;

namespace Paperwire.Community.Collections;

/// <summary>
/// Moves the change sequence for a community write that changes what pages show (collections, verified authors,
/// organizations), so cached pages and feeds on every node are evicted and search follows.
/// </summary>
public sealed class PaperChanges(ChangeSequence sequence, FeedCache cache)
{
    /// <summary>Call inside the write's transaction. With no papers (an empty collection renamed or made private)
    /// the sequence still moves: a cached collection page or feed must not outlive the change.</summary>
    public async Task MarkAsync(IReadOnlyCollection<string> paperIds, CancellationToken cancellationToken)
    {
        if (paperIds.Count > 0)
        {
            await sequence.TouchPapersAsync(paperIds, cancellationToken);
        }
        else
        {
            await sequence.ReserveAsync(1, cancellationToken);
        }
    }

    /// <summary>Call after commit: this node evicts at once; other nodes follow the sequence within their poll interval.</summary>
    public ValueTask EvictAsync(CancellationToken cancellationToken) => cache.InvalidateAsync(cancellationToken);
}
