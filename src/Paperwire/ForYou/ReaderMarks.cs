using System.Security.Claims;
using Paperwire.Core.Readers;
using Paperwire.SignedIn;

namespace Paperwire.ForYou;

/// <summary>
/// The signed-in reader's upvotes, not-interested marks and follows for the buttons of every card on a page, from
/// <see cref="ReaderStates"/> (kept in memory between requests). Anonymous readers have none and cost nothing.
/// </summary>
public sealed class ReaderMarks(ReaderStates states, IHttpContextAccessor accessor)
{
    private ReaderState? state;

    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async ValueTask<ReaderState> StateAsync(CancellationToken cancellationToken) =>
        UserId is not { } userId ? ReaderState.Empty : state ??= await states.GetAsync(userId, cancellationToken);

    public async ValueTask<bool> HoldsAsync(ReaderFact fact, CancellationToken cancellationToken) =>
        fact.HoldsFor(await StateAsync(cancellationToken));

    public async Task<bool> IsNotInterestedAsync(string paperId, CancellationToken cancellationToken) =>
        (await StateAsync(cancellationToken)).NotInterested(paperId);

    public async Task<bool> FollowsAsync(ReaderSignalKind kind, string target, CancellationToken cancellationToken) =>
        (await StateAsync(cancellationToken)).Follows(kind, target);
}
