using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Storage.Accounts;

namespace Paperwire.Pages;

/// <summary><c>/u/{name}</c>: a user's public profile.</summary>
public sealed class UserProfileModel(
    UserManager<PaperwireUser> users,
    PaperwireDbContext db,
    Community.Authorship.AuthorshipService authorship,
    Community.Collections.CollectionService collections,
    Paperwire.ForYou.ReaderProfiles readerProfiles) : PageModel
{
    public PaperwireUser Profile { get; private set; } = null!;

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<Paper> Submitted { get; private set; } = [];

    /// <summary>Papers the user upvoted, most recent vote first.</summary>
    public IReadOnlyList<Paper> Upvoted { get; private set; } = [];

    /// <summary>Papers the user is a verified author of.</summary>
    public IReadOnlyList<Paper> Authored { get; private set; } = [];

    public IReadOnlyList<(Core.Community.PaperCollection Collection, int Count)> PublicCollections { get; private set; } = [];

    /// <summary>What the user follows, only when they chose to show it (<c>/account/interests</c>); otherwise null.</summary>
    public Paperwire.ForYou.PublicFollows? Follows { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (!Handle.IsValid(name))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(name)}” is not a user name.");
        }

        if (await users.FindByNameAsync(name) is not { } user || !user.EmailConfirmed)
        {
            return this.NotFoundPage($"No user is called {name}.");
        }

        Profile = user;
        Roles = [.. await users.GetRolesAsync(user)];
        Submitted = await db.Papers.AsNoTracking()
            .Where(p => p.FeedEntry!.SubmittedBy == user.UserName)
            .OrderByDescending(p => p.FeedEntry!.SubmittedAt)
            .Take(50)
            .Include(p => p.Organization)
            .Include(p => p.FeedEntry)
            .ToListAsync(cancellationToken);
        var upvotedIds = await db.Votes.AsNoTracking()
            .Where(v => v.UserId == user.Id)
            .OrderByDescending(v => v.CreatedAt)
            .Select(v => v.PaperId)
            .Take(50)
            .ToListAsync(cancellationToken);
        var upvoted = await db.Papers.AsNoTracking()
            .Where(p => upvotedIds.Contains(p.Id))
            .Include(p => p.Organization)
            .Include(p => p.FeedEntry)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        Upvoted = [.. upvotedIds.Where(upvoted.ContainsKey).Select(id => upvoted[id])];
        Authored = await authorship.AuthoredAsync(user.Id, 50, cancellationToken);
        PublicCollections = await collections.ListAsync(user.Id, includePrivate: false, cancellationToken);
        Follows = await readerProfiles.PublicFollowsAsync(user.Id, cancellationToken);
        return Page();
    }
}
