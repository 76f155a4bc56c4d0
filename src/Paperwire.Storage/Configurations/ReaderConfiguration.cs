using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Readers;
using Paperwire.Storage.Accounts;

namespace Paperwire.Storage.Configurations;

internal sealed class ReaderSignalConfiguration : IEntityTypeConfiguration<ReaderSignal>
{
    public void Configure(EntityTypeBuilder<ReaderSignal> signal)
    {
        signal.ToTable("reader_signals");
        signal.HasKey(s => s.Id);
        // Stored by name: a row read in psql says what it is, and reordering the enum cannot change old rows' meaning.
        signal.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        signal.Property(s => s.Target).HasMaxLength(ReaderSignal.MaxTargetLength);
        signal.HasOne<PaperwireUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // The uniqueness rule: two tabs following the same author at once store one row.
        signal.HasIndex(s => new { s.UserId, s.Kind, s.Target }).IsUnique();
    }
}

internal sealed class ReaderProfileConfiguration : IEntityTypeConfiguration<ReaderProfile>
{
    public void Configure(EntityTypeBuilder<ReaderProfile> profile)
    {
        profile.ToTable("reader_profiles");
        profile.HasKey(p => p.UserId);
        profile.Property(p => p.FeedSecretHash).HasMaxLength(64);
        profile.HasIndex(p => p.FeedSecretHash).IsUnique();
        profile.HasOne<PaperwireUser>().WithOne().HasForeignKey<ReaderProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
