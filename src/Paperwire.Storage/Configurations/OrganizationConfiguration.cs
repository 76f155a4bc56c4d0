using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;
using Paperwire.Storage.Images;

namespace Paperwire.Storage.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.ToTable("organizations");
        organization.HasKey(o => o.Name);
        organization.Property(o => o.Name).HasMaxLength(100);
        organization.Property(o => o.FullName).HasMaxLength(300);
        organization.Property(o => o.AvatarUrl).HasMaxLength(500);
        organization.Property(o => o.LogoVersion).HasMaxLength(StoredImage.VersionLength);
    }
}
