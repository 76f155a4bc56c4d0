using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Storage.Images;

namespace Paperwire.Storage.Configurations;

internal sealed class StoredImageConfiguration : IEntityTypeConfiguration<StoredImage>
{
    public void Configure(EntityTypeBuilder<StoredImage> image)
    {
        image.ToTable("images");
        image.HasKey(i => i.Key);
        image.Property(i => i.Key).HasMaxLength(150);
        image.Property(i => i.ContentType).HasMaxLength(32);
        image.Property(i => i.Version).HasMaxLength(StoredImage.VersionLength);
    }
}
