using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage.Accounts;

namespace Paperwire.Storage.Configurations;

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> vote)
    {
        vote.ToTable("votes");
        // The key is the uniqueness rule: one vote per user per paper, whatever races happen.
        vote.HasKey(v => new { v.UserId, v.PaperId });
        vote.HasOne<PaperwireUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne<Paper>().WithMany().HasForeignKey(v => v.PaperId).OnDelete(DeleteBehavior.Cascade);
        vote.HasIndex(v => v.PaperId);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.ToTable("comments");
        comment.HasKey(c => c.Id);
        comment.Property(c => c.UserName).HasMaxLength(100);
        comment.Property(c => c.HiddenBy).HasMaxLength(100);
        comment.Ignore(c => c.IsVisible);
        comment.Ignore(c => c.ByDeletedUser);
        // Deleting an account keeps or removes its comments by the reader's choice (AccountDeletion); a kept one loses its author.
        comment.HasOne<PaperwireUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
        comment.HasOne<Paper>().WithMany().HasForeignKey(c => c.PaperId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        comment.HasIndex(c => new { c.PaperId, c.CreatedAt });
    }
}

internal sealed class AuthorshipClaimConfiguration : IEntityTypeConfiguration<AuthorshipClaim>
{
    public void Configure(EntityTypeBuilder<AuthorshipClaim> claim)
    {
        claim.ToTable("authorship_claims");
        claim.HasKey(c => c.Id);
        claim.Property(c => c.UserName).HasMaxLength(100);
        claim.Property(c => c.DecidedBy).HasMaxLength(100);
        claim.HasOne<PaperwireUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        claim.HasOne<Paper>().WithMany().HasForeignKey(c => c.PaperId).OnDelete(DeleteBehavior.Cascade);
        claim.HasIndex(c => new { c.PaperId, c.AuthorIndex, c.UserId }).IsUnique();
        claim.HasIndex(c => c.UserId);
    }
}

internal sealed class CollectionConfiguration : IEntityTypeConfiguration<PaperCollection>
{
    public void Configure(EntityTypeBuilder<PaperCollection> collection)
    {
        collection.ToTable("collections");
        collection.HasKey(c => c.Id);
        collection.Property(c => c.OwnerName).HasMaxLength(100);
        collection.Property(c => c.Slug).HasMaxLength(80);
        collection.Property(c => c.Name).HasMaxLength(200);
        collection.Property(c => c.Description).HasMaxLength(2000);
        collection.HasOne<PaperwireUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
        collection.HasIndex(c => new { c.OwnerId, c.Slug }).IsUnique();
        collection.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.CollectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CollectionItemConfiguration : IEntityTypeConfiguration<CollectionItem>
{
    public void Configure(EntityTypeBuilder<CollectionItem> item)
    {
        item.ToTable("collection_items");
        item.HasKey(i => new { i.CollectionId, i.PaperId });
        item.Property(i => i.Note).HasMaxLength(2000);
        item.HasOne(i => i.Paper).WithMany().HasForeignKey(i => i.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganizationMemberConfiguration : IEntityTypeConfiguration<OrganizationMember>
{
    public void Configure(EntityTypeBuilder<OrganizationMember> member)
    {
        member.ToTable("organization_members");
        member.HasKey(m => new { m.OrganizationName, m.UserId });
        member.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationName).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<PaperwireUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("api_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(100);
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasOne<PaperwireUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
