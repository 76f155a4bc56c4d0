using System.Net;
using Polly.Retry;

namespace Paperwire.Ingest.Http;

/// <summary>
/// The retry delay arXiv asks for: a 503 (or 429) with <c>Retry-After</c> waits that long, capped; any other
/// failure returns null so the pipeline's exponential backoff applies.
/// </summary>
public static class RetryAfterDelay
{
    public static TimeSpan? From(HttpResponseMessage? response, TimeProvider time, TimeSpan max)
    {
        if (response is not { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests } || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }

    /// <summary>A <see cref="RetryStrategyOptions{T}.DelayGenerator"/> reading <c>Retry-After</c>.</summary>
    public static Func<RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>> Generator(TimeProvider time, TimeSpan max) =>
        args => ValueTask.FromResult(From(args.Outcome.Result, time, max));
}
