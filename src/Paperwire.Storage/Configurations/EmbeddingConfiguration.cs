using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;
using Paperwire.Storage.Embeddings;

namespace Paperwire.Storage.Configurations;

internal sealed class EmbeddingQueueConfiguration : IEntityTypeConfiguration<EmbeddingQueueEntry>
{
    public void Configure(EntityTypeBuilder<EmbeddingQueueEntry> entry)
    {
        entry.ToTable("embedding_queue");
        entry.HasKey(e => e.PaperId);
        entry.Property(e => e.PaperId).HasMaxLength(PaperId.MaxLength);
        entry.Property(e => e.ClaimedBy).HasMaxLength(200);
        entry.HasOne<Paper>().WithMany().HasForeignKey(e => e.PaperId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaperEmbeddingConfiguration : IEntityTypeConfiguration<PaperEmbedding>
{
    public void Configure(EntityTypeBuilder<PaperEmbedding> embedding)
    {
        embedding.ToTable("paper_embeddings");
        embedding.HasKey(e => new { e.PaperId, e.Model });
        embedding.Property(e => e.PaperId).HasMaxLength(PaperId.MaxLength);
        embedding.Property(e => e.Model).HasMaxLength(200);
        embedding.HasOne<Paper>().WithMany().HasForeignKey(e => e.PaperId).OnDelete(DeleteBehavior.Cascade);

        // Every node's vector index reads "this model's vectors after sequence N".
        embedding.HasIndex(e => new { e.Model, e.Sequence });
    }
}
