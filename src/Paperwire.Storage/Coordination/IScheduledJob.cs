namespace Paperwire.Storage.Coordination;

/// <summary>
/// A job that runs on a schedule, as <c>/admin/status</c> lists it: register one per job
/// (<c>services.AddSingleton&lt;IScheduledJob&gt;(…)</c>) and record each run's end with <see cref="ScheduledJobRuns"/>
/// under the same <see cref="Name"/>.
/// </summary>
public interface IScheduledJob
{
    /// <summary>The key its runs are recorded under (usually its lease's name).</summary>
    string Name { get; }

    /// <summary>When it runs next after <paramref name="now"/>; null when it is switched off on this node.</summary>
    DateTimeOffset? NextRunAfter(DateTimeOffset now);

    /// <summary>A few words on the schedule: "daily at 02:00 UTC", "continuously", "off (Digests:Smtp:Host is not set)".</summary>
    string Schedule { get; }
}
