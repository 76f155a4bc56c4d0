using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Paperwire.Ingest.GitHub;

/// <summary>
/// GitHub's REST API, for one thing: <c>GET /repos/{owner}/{repo}</c> and its <c>stargazers_count</c>. Asks
/// conditionally (<c>If-None-Match</c>), reads the rate-limit headers of every answer, and never retries by itself:
/// the caller decides what a failure means for its run.
/// </summary>
public sealed class GitHubClient(HttpClient http, IOptions<GitHubOptions> options, TimeProvider clock)
{
    public const string Name = "github";

    /// <summary>Longest answer read; a repository's JSON is a few kilobytes.</summary>
    private const int MaxBody = 1 << 20;

    /// <summary>How long to wait after a 403/429 that names no time, as GitHub's documentation asks.</summary>
    public static readonly TimeSpan DefaultBackOff = TimeSpan.FromMinutes(1);

    /// <summary>Asks for <paramref name="key"/> (<c>owner/repo</c>), with <paramref name="etag"/> when one is stored.</summary>
    public async Task<GitHubAnswer> RepositoryAsync(string key, string? etag, CancellationToken cancellationToken)
    {
        var path = "repos/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.BaseUri, path));
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await ReadAsync(response, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            return new GitHubAnswer(GitHubAnswerKind.Failed)
            {
                Reason = error.Message,
                Unreachable = error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
            };
        }
        catch (IOException error)
        {
            return new GitHubAnswer(GitHubAnswerKind.Failed) { Reason = error.Message };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GitHubAnswer(GitHubAnswerKind.Failed) { Reason = $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s", Unreachable = true };
        }
    }

    private async Task<GitHubAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var remaining = Header(response, "X-RateLimit-Remaining") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var left) ? left : (int?)null;
        var reset = Header(response, "X-RateLimit-Reset") is { } s && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        var answer = response.StatusCode switch
        {
            HttpStatusCode.OK => await StarsAsync(response, cancellationToken),
            HttpStatusCode.NotModified => new GitHubAnswer(GitHubAnswerKind.NotModified),
            HttpStatusCode.NotFound or HttpStatusCode.Gone => new GitHubAnswer(GitHubAnswerKind.Gone),
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests => await LimitedAsync(response, remaining, reset, cancellationToken),
            _ => new GitHubAnswer(GitHubAnswerKind.Failed) { Reason = $"HTTP {(int)response.StatusCode}" },
        };
        return answer with { Remaining = remaining, Reset = reset };
    }

    private static async Task<GitHubAnswer> StarsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await ReadBodyAsync(response, cancellationToken);
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("stargazers_count", out var count)
                && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var stars) && stars >= 0)
            {
                var etag = response.Headers.ETag?.ToString();
                return new GitHubAnswer(GitHubAnswerKind.Stars) { Stars = stars, ETag = etag is { Length: <= 200 } ? etag : null };
            }
        }
        catch (JsonException)
        {
        }

        return new GitHubAnswer(GitHubAnswerKind.Failed) { Reason = "an answer without a star count" };
    }

    /// <summary>
    /// A 403 or 429 is the rate limit when GitHub says so: <c>Retry-After</c>, no requests remaining, a 429, or a 403
    /// whose message names the limit (the secondary limits). Any other 403 is about that repository alone.
    /// </summary>
    private async Task<GitHubAnswer> LimitedAsync(HttpResponseMessage response, int? remaining, DateTimeOffset? reset, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var at = retryAfter.Delta is { } delta ? now + delta : retryAfter.Date ?? now + DefaultBackOff;
            return new GitHubAnswer(GitHubAnswerKind.RateLimited) { RetryAt = at < now ? now : at };
        }

        if (remaining == 0)
        {
            return new GitHubAnswer(GitHubAnswerKind.RateLimited) { RetryAt = reset is { } r && r > now ? r : now + DefaultBackOff };
        }

        var body = "";
        try
        {
            body = System.Text.Encoding.UTF8.GetString(await ReadBodyAsync(response, cancellationToken));
        }
        catch (HttpRequestException)
        {
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests || body.Contains("rate limit", StringComparison.OrdinalIgnoreCase)
            ? new GitHubAnswer(GitHubAnswerKind.RateLimited) { RetryAt = now + DefaultBackOff }
            : new GitHubAnswer(GitHubAnswerKind.Failed) { Reason = "HTTP 403", AboutRepository = true };
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                throw new HttpRequestException("The answer is larger than a repository's JSON can be.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
