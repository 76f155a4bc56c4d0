using Microsoft.EntityFrameworkCore;
using Paperwire.Community.Collections;
using Paperwire.Core;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Community.Organizations;

/// <summary>An organization with its members' user names, and which of them are its admins.</summary>
public sealed record OrganizationView(Organization Organization, IReadOnlyList<string> Members, IReadOnlySet<string> Admins);

/// <summary>
/// Organizations: admins create and edit them, manage members and link any paper; a member may link a paper
/// they submitted to an organization they belong to.
/// </summary>
public sealed class OrganizationService(PaperwireDbContext db, PaperChanges changes)
{
    public const int MaxFullNameLength = 300;
    public const int MaxAvatarUrlLength = 500;

    public async Task<IReadOnlyList<OrganizationView>> ListAsync(CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var members = await db.OrganizationMembers.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OrganizationName, u.UserName, m.IsAdmin })
            .ToListAsync(cancellationToken);
        var byOrganization = members.ToLookup(m => m.OrganizationName, StringComparer.Ordinal);
        return [.. organizations.Select(o => new OrganizationView(
            o,
            [.. byOrganization[o.Name].Select(m => m.UserName!).Order(StringComparer.OrdinalIgnoreCase)],
            byOrganization[o.Name].Where(m => m.IsAdmin).Select(m => m.UserName!).ToHashSet(StringComparer.Ordinal)))];
    }

    /// <summary>Creates (<paramref name="create"/>) or edits an organization; the name is its handle and never changes.</summary>
    public async Task<Outcome<Organization>> SaveAsync(string? name, string? fullName, string? avatarUrl, bool create, CancellationToken cancellationToken)
    {
        if (!Handle.IsValid(name))
        {
            return Outcome.BadRequest("Invalid organization name", "The name is the handle in /orgs/{name}: letters, digits, '-', '_' and '.', at most 100.");
        }

        fullName = fullName?.Trim();
        if (string.IsNullOrEmpty(fullName) || CollectionRules.CheckText(fullName, MaxFullNameLength, "full name") is not null)
        {
            return Outcome.BadRequest("Invalid full name", $"The full name is required, at most {MaxFullNameLength} characters.");
        }

        avatarUrl = string.IsNullOrWhiteSpace(avatarUrl) ? null : avatarUrl.Trim();
        if (avatarUrl is not null && (avatarUrl.Length > MaxAvatarUrlLength
            || !Uri.TryCreate(avatarUrl, UriKind.Absolute, out var avatar) || avatar.Scheme != Uri.UriSchemeHttps))
        {
            return Outcome.BadRequest("Invalid avatar URL", $"The avatar must be an https:// address of at most {MaxAvatarUrlLength} characters.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Name == name, cancellationToken);
        if (create && organization is not null)
        {
            return Outcome.Conflict("Organization exists", $"There is already an organization called {name}.");
        }

        if (!create && organization is null)
        {
            return Outcome.NotFound("Organization not found", $"There is no organization called {name}.");
        }

        if (organization is null)
        {
            organization = new Organization { Name = name!, FullName = fullName };
            db.Organizations.Add(organization);
        }

        organization.FullName = fullName;
        organization.AvatarUrl = avatarUrl;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (create)
        {
            return Outcome.Conflict("Organization exists", $"There is already an organization called {name}.");
        }

        // Cards show the full name: pages are evicted. (The papers themselves keep their sequence numbers; an
        // organization can have thousands, and search filters by the handle, which never changes.)
        await changes.MarkAsync([], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.EvictAsync(cancellationToken);
        return new Outcome<Organization>(Outcome.Ok, organization);
    }

    public async Task<Outcome> SetMemberAsync(string name, string userName, bool member, CancellationToken cancellationToken)
    {
        if (!Handle.IsValid(name) || !await db.Organizations.AnyAsync(o => o.Name == name, cancellationToken))
        {
            return Outcome.NotFound("Organization not found", $"There is no organization called {Api.ApiProblems.Shorten(name)}.");
        }

        var normalized = userName.ToUpperInvariant();
        var userId = Handle.IsValid(userName)
            ? await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (userId is null)
        {
            return Outcome.NotFound("User not found", $"No user is called {Api.ApiProblems.Shorten(userName)}.");
        }

        var existing = await db.OrganizationMembers.FirstOrDefaultAsync(m => m.OrganizationName == name && m.UserId == userId, cancellationToken);
        if (member == existing is not null)
        {
            return member
                ? Outcome.Conflict("Already a member", $"{userName} is already a member of {name}.")
                : Outcome.NotFound("Not a member", $"{userName} is not a member of {name}.");
        }

        if (member)
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationName = name, UserId = userId });
        }
        else
        {
            db.OrganizationMembers.Remove(existing!);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Outcome.Conflict("Already a member", $"{userName} is already a member of {name}.");
        }

        return Outcome.Ok;
    }

    /// <summary>Makes a member an admin of the organization (may change its logo), or no longer one.</summary>
    public async Task<Outcome> SetAdminAsync(string name, string userName, bool admin, CancellationToken cancellationToken)
    {
        var normalized = userName.ToUpperInvariant();
        var member = Handle.IsValid(name) && Handle.IsValid(userName)
            ? await db.OrganizationMembers
                .Where(m => m.OrganizationName == name && db.Users.Any(u => u.Id == m.UserId && u.NormalizedUserName == normalized))
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (member is null)
        {
            return Outcome.NotFound("Not a member", $"{Api.ApiProblems.Shorten(userName)} is not a member of {Api.ApiProblems.Shorten(name)}; add them first.");
        }

        member.IsAdmin = admin;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>
    /// Links a paper to an organization (<paramref name="name"/> null or empty unlinks). Admins may link any paper;
    /// a member may link a paper they submitted to the daily feed, to (or away from) an organization they belong to.
    /// </summary>
    public async Task<Outcome<Paper>> LinkPaperAsync(string userId, string userName, bool isAdmin, string? paperInput, string? name, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(paperInput, out var paperId))
        {
            return Outcome.BadRequest("Invalid paper id", $"'{Api.ApiProblems.Shorten(paperInput)}' is not an arXiv id (2504.05299, hep-th/9901001) or a Paperwire id (pw-…).");
        }

        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var paper = await db.Papers.Include(p => p.FeedEntry).FirstOrDefaultAsync(p => p.Id == paperId, cancellationToken);
        if (paper is null)
        {
            return Outcome.NotFound("Paper not found", $"No paper with id '{paperId}' is in the catalog.");
        }

        if (name is not null && (!Handle.IsValid(name) || !await db.Organizations.AnyAsync(o => o.Name == name, cancellationToken)))
        {
            return Outcome.NotFound("Organization not found", $"There is no organization called {Api.ApiProblems.Shorten(name)}.");
        }

        if (!isAdmin)
        {
            if (paper.FeedEntry?.SubmittedBy is not { } submitter || !string.Equals(submitter, userName, StringComparison.OrdinalIgnoreCase))
            {
                return Outcome.Forbidden("Only admins, or the member who submitted the paper, can link it to an organization.");
            }

            // Both the organization it leaves and the one it joins must be the submitter's.
            foreach (var organization in new[] { paper.OrganizationName, name }.OfType<string>())
            {
                if (!await db.OrganizationMembers.AnyAsync(m => m.OrganizationName == organization && m.UserId == userId, cancellationToken))
                {
                    return Outcome.Forbidden($"You are not a member of {organization}.");
                }
            }
        }

        if (paper.OrganizationName != name)
        {
            paper.OrganizationName = name;
            await db.SaveChangesAsync(cancellationToken);
            await changes.MarkAsync([paper.Id], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await changes.EvictAsync(cancellationToken);
        paper.Organization = name is null ? null : await db.Organizations.AsNoTracking().FirstAsync(o => o.Name == name, cancellationToken);
        return new Outcome<Paper>(Outcome.Ok, paper);
    }
}
