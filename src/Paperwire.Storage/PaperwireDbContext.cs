using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Digests;
using Paperwire.Core.Papers;
using Paperwire.Core.Readers;
using Paperwire.Storage.Accounts;
using Paperwire.Storage.Coordination;

namespace Paperwire.Storage;

/// <summary>
/// The one DbContext, accounts included (ASP.NET Core Identity's stores). Provider-specific migrations live in
/// Paperwire.Storage.Sqlite and .Postgres.
/// </summary>
public sealed class PaperwireDbContext(DbContextOptions<PaperwireDbContext> options)
    : IdentityDbContext<PaperwireUser>(options), IDataProtectionKeyContext
{
    public DbSet<Paper> Papers => Set<Paper>();

    public DbSet<FeedEntry> FeedEntries => Set<FeedEntry>();

    public DbSet<PaperAlias> PaperAliases => Set<PaperAlias>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Vote> Votes => Set<Vote>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<AuthorshipClaim> AuthorshipClaims => Set<AuthorshipClaim>();

    public DbSet<PaperCollection> Collections => Set<PaperCollection>();

    public DbSet<CollectionItem> CollectionItems => Set<CollectionItem>();

    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<ReaderSignal> ReaderSignals => Set<ReaderSignal>();

    public DbSet<ReaderProfile> ReaderProfiles => Set<ReaderProfile>();

    public DbSet<DigestSubscription> DigestSubscriptions => Set<DigestSubscription>();

    public DbSet<DigestDelivery> DigestDeliveries => Set<DigestDelivery>();

    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<HarvestCheckpoint> HarvestCheckpoints => Set<HarvestCheckpoint>();

    public DbSet<ScheduledJobRun> ScheduledJobRuns => Set<ScheduledJobRun>();

    public DbSet<Links.GithubRepository> GithubRepositories => Set<Links.GithubRepository>();

    /// <summary>The Data Protection key ring (cookies, antiforgery, digest links), shared by every node of the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Images.StoredImage> Images => Set<Images.StoredImage>();

    public DbSet<Embeddings.EmbeddingQueueEntry> EmbeddingQueue => Set<Embeddings.EmbeddingQueueEntry>();

    public DbSet<Embeddings.PaperEmbedding> PaperEmbeddings => Set<Embeddings.PaperEmbedding>();

    public DbSet<Glance.GlanceQueueEntry> GlanceQueue => Set<Glance.GlanceQueueEntry>();

    public DbSet<PaperGlance> PaperGlances => Set<PaperGlance>();

    public DbSet<PaperThumbnail> PaperThumbnails => Set<PaperThumbnail>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; UTC ticks sort and compare exactly.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        Configurations.AccountConfiguration.Configure(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PaperwireDbContext).Assembly);
    }
}
