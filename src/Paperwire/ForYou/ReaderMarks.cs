using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Readers;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>
/// The signed-in reader's not-interested marks and follows, read once per request (a scoped service) for the
/// "Not interested" and follow buttons of every card on a page. Anonymous readers have none and cost no query.
/// </summary>
public sealed class ReaderMarks(PaperwireDbContext db, IHttpContextAccessor accessor)
{
    private HashSet<string>? notInterested;
    private HashSet<(ReaderSignalKind Kind, string Target)>? follows;

    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<bool> IsNotInterestedAsync(string paperId, CancellationToken cancellationToken)
    {
        if (UserId is not { } userId)
        {
            return false;
        }

        notInterested ??= [.. await db.ReaderSignals
            .Where(s => s.UserId == userId && s.Kind == ReaderSignalKind.NotInterested)
            .Select(s => s.Target).ToListAsync(cancellationToken)];
        return notInterested.Contains(paperId);
    }

    public async Task<bool> FollowsAsync(ReaderSignalKind kind, string target, CancellationToken cancellationToken)
    {
        if (UserId is not { } userId)
        {
            return false;
        }

        if (follows is null)
        {
            var rows = await db.ReaderSignals
                .Where(s => s.UserId == userId && FollowRules.FollowKinds.Contains(s.Kind))
                .Select(s => new { s.Kind, s.Target }).ToListAsync(cancellationToken);
            follows = [.. rows.Select(r => (r.Kind, r.Target))];
        }

        return follows.Contains((kind, target));
    }
}
