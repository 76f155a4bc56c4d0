using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;

namespace Paperwire.Storage.Configurations;

internal sealed class PaperAuthorConfiguration : IEntityTypeConfiguration<PaperAuthor>
{
    public void Configure(EntityTypeBuilder<PaperAuthor> author)
    {
        author.ToTable("paper_authors");
        author.HasKey(a => new { a.PaperId, a.Position });
        author.Property(a => a.Name).HasMaxLength(300);
        author.HasIndex(a => a.Name);
    }
}
