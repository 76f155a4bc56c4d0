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
        paper.Property(p => p.GitlabRepo).HasMaxLength(500);
        paper.Ignore(p => p.IsArxivPaper);

        // Bylines and versions are read and written with their paper, never queried on their own: JSON columns
        // keep a paper one row, which is what makes bulk imports fast.
        paper.OwnsMany(p => p.Authors, authors => authors.ToJson());
        paper.OwnsMany(p => p.Versions, versions => versions.ToJson());
        paper.Property(p => p.License).HasMaxLength(300);
        paper.Property(p => p.Doi).HasMaxLength(300);
        paper.Property(p => p.JournalRef).HasMaxLength(1000);
        paper.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationName).OnDelete(DeleteBehavior.SetNull);
        paper.HasOne(p => p.FeedEntry).WithOne(f => f.Paper).HasForeignKey<FeedEntry>(f => f.PaperId).OnDelete(DeleteBehavior.Cascade);

        // Every page and API answer that shows a paper shows its key sentence and keywords: one join on the key.
        paper.Navigation(p => p.Glance).AutoInclude();
        // Cards, the paper page and the API show the thumbnail: the same kind of join.
        paper.Navigation(p => p.Thumbnail).AutoInclude();

        paper.HasIndex(p => p.OrganizationName);
        paper.HasIndex(p => p.PublishedAt);
        paper.HasIndex(p => p.ChangeSequence);
    }
}
