using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Storage.Links;

namespace Paperwire.Storage.Configurations;

internal sealed class GithubRepositoryConfiguration : IEntityTypeConfiguration<GithubRepository>
{
    public void Configure(EntityTypeBuilder<GithubRepository> repository)
    {
        repository.ToTable("github_repositories");
        repository.HasKey(r => r.Key);
        repository.Property(r => r.Key).HasMaxLength(GithubRepository.KeyLength);
        repository.Property(r => r.ETag).HasMaxLength(200);
    }
}
