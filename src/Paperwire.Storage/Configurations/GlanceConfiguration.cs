using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;
using Paperwire.Storage.Glance;

namespace Paperwire.Storage.Configurations;

internal sealed class PaperGlanceConfiguration : IEntityTypeConfiguration<PaperGlance>
{
    public void Configure(EntityTypeBuilder<PaperGlance> glance)
    {
        // One row per paper: the version says which model and extraction made it, and a new one replaces it.
        glance.ToTable("paper_glances");
        glance.HasKey(g => g.PaperId);
        glance.Property(g => g.PaperId).HasMaxLength(PaperId.MaxLength);
        glance.Property(g => g.Version).HasMaxLength(200);
        glance.HasOne<Paper>().WithOne(p => p.Glance).HasForeignKey<PaperGlance>(g => g.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GlanceQueueConfiguration : IEntityTypeConfiguration<GlanceQueueEntry>
{
    public void Configure(EntityTypeBuilder<GlanceQueueEntry> entry)
    {
        entry.ToTable("glance_queue");
        entry.HasKey(e => e.PaperId);
        entry.Property(e => e.PaperId).HasMaxLength(PaperId.MaxLength);
        entry.Property(e => e.ClaimedBy).HasMaxLength(200);
        entry.HasOne<Paper>().WithMany().HasForeignKey(e => e.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}
