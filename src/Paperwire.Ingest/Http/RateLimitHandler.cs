namespace Paperwire.Ingest.Http;

/// <summary>
/// Takes the host's turn (see <see cref="HostRateLimiter"/>) for each request. It sits inside the resilience
/// handler, so retries wait their turn too.
/// </summary>
public sealed class RateLimitHandler(HostRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } url)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using (await limiter.WaitTurnAsync(url.Authority, cancellationToken))
        {
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
