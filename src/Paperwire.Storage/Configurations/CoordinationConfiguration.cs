using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Paperwire.Storage.Coordination;

namespace Paperwire.Storage.Configurations;

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> counter)
    {
        counter.ToTable("counters");
        counter.HasKey(c => c.Name);
        counter.Property(c => c.Name).HasMaxLength(100);
        counter.HasData(new Counter { Name = Counter.PaperChanges, Value = 0 }, new Counter { Name = Counter.PaperEmbeddings, Value = 0 },
            new Counter { Name = Counter.PaperGlances, Value = 0 });
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.ToTable("job_leases");
        lease.HasKey(l => l.Job);
        lease.Property(l => l.Job).HasMaxLength(100);
        lease.Property(l => l.Holder).HasMaxLength(200);
    }
}

internal sealed class HarvestCheckpointConfiguration : IEntityTypeConfiguration<HarvestCheckpoint>
{
    public void Configure(EntityTypeBuilder<HarvestCheckpoint> checkpoint)
    {
        checkpoint.ToTable("harvest_checkpoints");
        checkpoint.HasKey(c => c.Key);
        checkpoint.Property(c => c.Key).HasMaxLength(500);
        checkpoint.Property(c => c.ResumptionToken).HasMaxLength(2000);
    }
}

internal sealed class ScheduledJobRunConfiguration : IEntityTypeConfiguration<ScheduledJobRun>
{
    public void Configure(EntityTypeBuilder<ScheduledJobRun> run)
    {
        run.ToTable("scheduled_job_runs");
        run.HasKey(r => r.Job);
        run.Property(r => r.Job).HasMaxLength(100);
        run.Property(r => r.Outcome).HasMaxLength(20);
        run.Property(r => r.Message).HasMaxLength(ScheduledJobRuns.MessageLength);
        run.Property(r => r.Node).HasMaxLength(200);
    }
}
