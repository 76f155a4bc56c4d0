using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Paperwire.Ingest.Http;

/// <summary>
/// One request at a time per host, each starting at least <see cref="ArxivOptions.MinimumInterval"/> after the
/// previous one was answered (arXiv: one connection at a time, no more than one request every three seconds).
/// Shared by every client and handler in the process: the factory rebuilds handlers every few minutes.
/// </summary>
public sealed class HostRateLimiter(IOptionsMonitor<ArxivOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Gate> gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for <paramref name="host"/>'s turn; disposing the turn marks the request answered.</summary>
    public async Task<IDisposable> WaitTurnAsync(string host, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(host, _ => new Gate());
        await gate.Lock.WaitAsync(cancellationToken);
        try
        {
            if (gate.LastAnswered is { } last)
            {
                var wait = options.CurrentValue.MinimumInterval - time.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
            }

            return new Turn(gate, time);
        }
        catch
        {
            gate.Lock.Release();
            throw;
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public long? LastAnswered { get; set; }
    }

    private sealed class Turn(Gate gate, TimeProvider time) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.LastAnswered = time.GetTimestamp();
                gate.Lock.Release();
            }
        }
    }
}
