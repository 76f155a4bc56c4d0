namespace Paperwire.Storage.Coordination;

/// <summary>
/// Who runs a scheduled job now. With several nodes on one PostgreSQL, only the holder of an unexpired
/// lease runs the job; a holder that dies stops renewing, the lease expires and another node takes over.
/// </summary>
public sealed class JobLease
{
    public required string Job { get; set; }

    public required string Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
