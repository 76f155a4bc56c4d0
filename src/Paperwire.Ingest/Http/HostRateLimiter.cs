using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Paperwire.Ingest.Http;

/// <summary>
/// One turn per host every <see cref="ArxivOptions.MinimumInterval"/>, across every client and handler in the
/// process: the factory rebuilds handlers every few minutes, so the clock of the last request lives here.
/// </summary>
public sealed class HostRateLimiter(IOptionsMonitor<ArxivOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Gate> gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits until a request to <paramref name="host"/> may start, and claims that turn.</summary>
    public async Task WaitTurnAsync(string host, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(host, _ => new Gate());
        await gate.Lock.WaitAsync(cancellationToken);
        try
        {
            if (gate.LastStart is { } last)
            {
                var wait = options.CurrentValue.MinimumInterval - time.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
            }

            gate.LastStart = time.GetTimestamp();
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public long? LastStart { get; set; }
    }
}
