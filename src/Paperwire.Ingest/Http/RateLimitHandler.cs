namespace Paperwire.Ingest.Http;

/// <summary>
/// Spaces requests to each host by the polite minimum interval. It sits inside the resilience handler,
/// so retries wait their turn too.
/// </summary>
public sealed class RateLimitHandler(HostRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } url)
        {
            await limiter.WaitTurnAsync(url.Authority, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
