using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Paperwire.Community.Collections;
using Paperwire.Core.Community;
using Paperwire.Storage;
using Paperwire.Storage.Images;

namespace Paperwire.Avatars;

/// <summary>
/// Members' avatars and organizations' logos: validated uploads stored in the database (so every node of a cluster
/// serves them), their version recorded on the user or organization so pages can link to an address that never
/// goes stale. Changing one evicts the cached pages, whose cards show it.
/// </summary>
public sealed class AvatarStore(PaperwireDbContext db, PaperChanges changes, TimeProvider clock)
{
    public Task<StoredImage?> FindAsync(string key, CancellationToken cancellationToken) =>
        db.Images.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key, cancellationToken);

    /// <summary>Stores <paramref name="bytes"/> as the user's avatar; the error sentence when the file is refused.</summary>
    public async Task<string?> SetUserAvatarAsync(string userId, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var (format, error) = ImageUpload.Inspect(bytes.Span);
        if (format is null)
        {
            return error;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        user.AvatarVersion = await SaveAsync(StoredImage.UserKey(userId), format, bytes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return null;
    }

    public async Task RemoveUserAvatarAsync(string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        user.AvatarVersion = null;
        await db.Images.Where(i => i.Key == StoredImage.UserKey(userId)).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(transaction, cancellationToken);
    }

    /// <summary>Site admins, and members the site admins made admins of the organization, may change its logo.</summary>
    public Task<bool> MayChangeLogoAsync(string organization, string userId, bool isSiteAdmin, CancellationToken cancellationToken) =>
        isSiteAdmin
            ? Task.FromResult(true)
            : db.OrganizationMembers.AnyAsync(m => m.OrganizationName == organization && m.UserId == userId && m.IsAdmin, cancellationToken);

    /// <summary>Stores the organization's logo; the error sentence when the file is refused.</summary>
    public async Task<string?> SetLogoAsync(string organization, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var (format, error) = ImageUpload.Inspect(bytes.Span);
        if (format is null)
        {
            return error;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Organizations.FirstAsync(o => o.Name == organization, cancellationToken);
        stored.LogoVersion = await SaveAsync(StoredImage.OrganizationKey(organization), format, bytes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return null;
    }

    public async Task RemoveLogoAsync(string organization, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Organizations.FirstAsync(o => o.Name == organization, cancellationToken);
        stored.LogoVersion = null;
        await db.Images.Where(i => i.Key == StoredImage.OrganizationKey(organization)).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await CommitAsync(transaction, cancellationToken);
    }

    /// <summary>Adds or replaces the image row (saved with the owner's new version by the caller); returns the version.</summary>
    private async Task<string> SaveAsync(string key, ImageFormat format, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var version = Convert.ToHexStringLower(SHA256.HashData(bytes.Span))[..StoredImage.VersionLength];
        var image = await db.Images.FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (image is null)
        {
            image = new StoredImage { Key = key, ContentType = format.ContentType, Data = [], Version = version };
            db.Images.Add(image);
        }

        image.ContentType = format.ContentType;
        image.Data = bytes.ToArray();
        image.Width = format.Width;
        image.Height = format.Height;
        image.Version = version;
        image.UpdatedAt = clock.GetUtcNow();
        return version;
    }

    /// <summary>Cards on cached pages show avatars and logos: every node drops its cached pages (the data version moves).</summary>
    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await changes.MarkAsync([], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.EvictAsync(cancellationToken);
    }
}
