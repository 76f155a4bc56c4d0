using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;

namespace Paperwire.Storage.Configurations;

internal sealed class PaperThumbnailConfiguration : IEntityTypeConfiguration<PaperThumbnail>
{
    public void Configure(EntityTypeBuilder<PaperThumbnail> thumbnail)
    {
        // One row per paper asked for: stored, or why not (so a bad PDF is not fetched again every cycle).
        thumbnail.ToTable("paper_thumbnails");
        thumbnail.HasKey(t => t.PaperId);
        thumbnail.Property(t => t.PaperId).HasMaxLength(PaperId.MaxLength);
        thumbnail.Property(t => t.Outcome).HasMaxLength(20);
        thumbnail.Property(t => t.Detail).HasMaxLength(PaperThumbnail.DetailLength);
        thumbnail.Ignore(t => t.IsStored);
        thumbnail.HasOne<Paper>().WithOne(p => p.Thumbnail).HasForeignKey<PaperThumbnail>(t => t.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}
