using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Papers;

namespace Paperwire.Storage.Configurations;

internal sealed class FeedEntryConfiguration : IEntityTypeConfiguration<FeedEntry>
{
    public void Configure(EntityTypeBuilder<FeedEntry> entry)
    {
        entry.ToTable("feed_entries");
        entry.HasKey(f => f.PaperId);
        entry.Property(f => f.SubmittedBy).HasMaxLength(100);

        // The daily views read one window of dates at a time.
        entry.HasIndex(f => f.FeedDate);
        entry.HasIndex(f => new { f.SubmittedBy, f.FeedDate });
    }
}
