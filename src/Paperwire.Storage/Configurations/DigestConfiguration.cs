using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Core.Digests;
using Paperwire.Storage.Accounts;

namespace Paperwire.Storage.Configurations;

internal sealed class DigestSubscriptionConfiguration : IEntityTypeConfiguration<DigestSubscription>
{
    public void Configure(EntityTypeBuilder<DigestSubscription> subscription)
    {
        subscription.ToTable("digest_subscriptions");
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Email).HasMaxLength(254);
        subscription.Property(s => s.NormalizedEmail).HasMaxLength(254);
        subscription.Property(s => s.TokenStamp).HasMaxLength(32);
        subscription.Property(s => s.SearchQuery).HasMaxLength(500);
        // One subscription per address, whatever races happen between two subscribe forms.
        subscription.HasIndex(s => s.NormalizedEmail).IsUnique();
        subscription.HasIndex(s => s.Status);
        subscription.HasOne<PaperwireUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> delivery)
    {
        delivery.ToTable("digest_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Period).HasMaxLength(10);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        delivery.Property(d => d.MessageId).HasMaxLength(200);
        // The idempotency key of the outbox: one digest per subscriber and period.
        delivery.HasIndex(d => new { d.SubscriptionId, d.Period }).IsUnique();
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasOne<DigestSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
