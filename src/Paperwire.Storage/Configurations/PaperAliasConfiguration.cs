using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;

namespace Paperwire.Storage.Configurations;

internal sealed class PaperAliasConfiguration : IEntityTypeConfiguration<PaperAlias>
{
    public void Configure(EntityTypeBuilder<PaperAlias> alias)
    {
        alias.ToTable("paper_aliases");
        alias.HasKey(a => a.Alias);
        alias.Property(a => a.Alias).HasMaxLength(PaperId.MaxLength);
        alias.Property(a => a.PaperId).HasMaxLength(PaperId.MaxLength);
        alias.HasOne<Paper>().WithMany().HasForeignKey(a => a.PaperId).OnDelete(DeleteBehavior.Cascade);
        alias.HasIndex(a => a.PaperId);
        alias.HasIndex(a => a.ChangeSequence);
    }
}
