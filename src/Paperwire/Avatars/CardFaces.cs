using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Avatars;

/// <summary>A face on a card: whose it is (for the text beside it) and the picture's address.</summary>
public sealed record Face(string Name, string ImageUrl);

/// <summary>The first authors' faces (a member's own picture where they verified their authorship), and the submitter's.</summary>
public sealed record PaperFaces(IReadOnlyList<Face> Authors, int AuthorCount, Face? Submitter);

/// <summary>Looks up, per card, which of the faces shown belong to members with an uploaded picture.</summary>
public sealed class CardFaces(PaperwireDbContext db)
{
    public const int AuthorsShown = 3;

    public async Task<PaperFaces> ForAsync(Paper paper, CancellationToken cancellationToken)
    {
        var visible = paper.Authors.Select((author, index) => (author, index)).Where(a => !a.author.Hidden).Take(AuthorsShown).ToList();
        var indexes = visible.Select(a => a.index).ToList();
        var submitter = paper.FeedEntry?.SubmittedBy;
        var normalizedSubmitter = submitter?.ToUpperInvariant();

        // Only members with a picture matter: everyone else gets the initials of the name on the byline.
        var claimed = indexes.Count == 0
            ? []
            : await db.AuthorshipClaims.AsNoTracking()
                .Where(c => c.PaperId == paper.Id && c.Status == ClaimStatus.Verified && indexes.Contains(c.AuthorIndex))
                .Join(db.Users.Where(u => u.AvatarVersion != null), c => c.UserId, u => u.Id, (c, u) => new { c.AuthorIndex, u.UserName, u.AvatarVersion })
                .ToListAsync(cancellationToken);
        var submitterVersion = normalizedSubmitter is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalizedSubmitter).Select(u => u.AvatarVersion).FirstOrDefaultAsync(cancellationToken);

        var authors = visible.Select(a => claimed.FirstOrDefault(c => c.AuthorIndex == a.index) is { } member
                ? new Face(a.author.Name, AvatarLinks.User(member.UserName!, member.AvatarVersion))
                : new Face(a.author.Name, AvatarLinks.Initials(a.author.Name)))
            .ToList();
        var count = paper.Authors.Count > 0 ? paper.Authors.Count(a => !a.Hidden) : paper.AuthorCount;
        return new PaperFaces(authors, count, submitter is null ? null : new Face(submitter, AvatarLinks.User(submitter, submitterVersion)));
    }
}
