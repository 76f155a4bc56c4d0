using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;

namespace Paperwire.Storage.Configurations;

internal sealed class PaperConfiguration : IEntityTypeConfiguration<Paper>
{
    public void Configure(EntityTypeBuilder<Paper> paper)
    {
        paper.ToTable("papers");
        paper.HasKey(p => p.Id);
        paper.Property(p => p.Id).HasMaxLength(PaperId.MaxLength);
        paper.Property(p => p.Title).HasMaxLength(1000);
        paper.Property(p => p.OrganizationName).HasMaxLength(100);
        paper.Property(p => p.GithubRepo).HasMaxLength(500);
        paper.Property(p => p.ProjectPage).HasMaxLength(500);
        paper.Ignore(p => p.IsArxivPaper);

        paper.HasMany(p => p.Authors).WithOne().HasForeignKey(a => a.PaperId).OnDelete(DeleteBehavior.Cascade);
        paper.Navigation(p => p.Authors).AutoInclude(false);
        paper.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationName).OnDelete(DeleteBehavior.SetNull);
        paper.HasOne(p => p.FeedEntry).WithOne(f => f.Paper).HasForeignKey<FeedEntry>(f => f.PaperId).OnDelete(DeleteBehavior.Cascade);

        paper.HasIndex(p => p.OrganizationName);
        paper.HasIndex(p => p.PublishedAt);
    }
}
