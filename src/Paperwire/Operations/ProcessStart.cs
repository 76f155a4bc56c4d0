namespace Paperwire.Operations;

/// <summary>When this node started serving, for the uptime on <c>/admin/status</c>.</summary>
public sealed class ProcessStart(TimeProvider clock) : IHostedService
{
    public DateTimeOffset StartedAt { get; private set; } = clock.GetUtcNow();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartedAt = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
