using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Storage.Accounts;

namespace Paperwire.Storage.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("user_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).HasMaxLength(64);
        session.Property(s => s.Device).HasMaxLength(200);
        session.HasIndex(s => s.UserId);
        // Deleting an account ends its sessions.
        session.HasOne<PaperwireUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
