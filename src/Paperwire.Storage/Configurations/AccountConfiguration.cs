using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage.Accounts;

namespace Paperwire.Storage.Configurations;

/// <summary>Identity's tables under plain names, like the rest of the schema.</summary>
internal static class AccountConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<PaperwireUser>().ToTable("users").Property(u => u.AvatarVersion).HasMaxLength(Images.StoredImage.VersionLength);
        model.Entity<IdentityRole>().ToTable("roles");
        model.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
    }
}
