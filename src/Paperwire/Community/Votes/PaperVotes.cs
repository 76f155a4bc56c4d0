using Paperwire.Hosting;
using Paperwire.Storage.Community;

namespace Paperwire.Community.Votes;

/// <summary>What the API and the vote form share: write the vote, then drop this node's cached pages at once.</summary>
public sealed class PaperVotes(VoteStore store, FeedCache cache)
{
    /// <summary>Sets or removes the user's upvote; null when the paper is unknown.</summary>
    public async Task<VoteState?> SetAsync(string userId, string paperId, bool upvoted, CancellationToken cancellationToken)
    {
        var state = await store.SetAsync(userId, paperId, upvoted, cancellationToken);
        if (state is not null)
        {
            // Other nodes follow the change sequence within their poll interval; this one need not wait for it.
            await cache.InvalidateAsync(cancellationToken);
        }

        return state;
    }
}
