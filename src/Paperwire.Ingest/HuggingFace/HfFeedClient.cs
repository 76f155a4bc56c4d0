using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Paperwire.Core.Feed;
using Paperwire.Ingest.Pipeline;
using Polly;

namespace Paperwire.Ingest.HuggingFace;

/// <summary>
/// Reads every item of <c>GET {base}/api/daily_papers</c> page by page: it follows <c>Link: &lt;…&gt;; rel="next"</c>,
/// and asks for the next <c>p</c> when a full page came without one (servers that page without Link headers).
/// It stops at an empty page, a page with nothing new, or <see cref="MaxPages"/>.
/// </summary>
public sealed partial class HfFeedClient(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "huggingface";

    /// <summary>The daily-papers API bounds its page number at this too; past it a server is paging forever.</summary>
    public const int MaxPages = 10_000;

    private const string Endpoint = "/api/daily_papers";

    public async IAsyncEnumerable<JsonElement> ReadAsync(Uri baseAddress, FeedWindow? window, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var first = FirstPage(baseAddress, window, pageSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = first;
        for (var page = 0; next is not null && page < MaxPages; page++)
        {
            var url = next;
            using var response = await GetAsync(client, url, cancellationToken);
            var link = NextLink(response, url, first);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            int count = 0, fresh = 0;
            await foreach (var item in HfJsonArray.ReadAsync(body, url.ToString(), cancellationToken))
            {
                count++;
                // The feed can shift between two page requests (upvotes change the order); an item seen already is skipped.
                if (HfItemMapper.PaperIdOf(item) is { } id && !seen.Add(id))
                {
                    continue;
                }

                fresh++;
                yield return item;
            }

            next = count == 0 || fresh == 0 ? null : link ?? (count >= pageSize ? WithPage(first, page + 1) : null);
        }
    }

    /// <summary><c>{base}/api/daily_papers?date=…&amp;limit=…</c>; a base given with the endpoint path already is accepted.</summary>
    public static Uri FirstPage(Uri baseAddress, FeedWindow? window, int pageSize)
    {
        if (baseAddress.Query.Length > 0)
        {
            throw new InvalidInputException($"{baseAddress}: give the server's base address (e.g. https://huggingface.co) and --date, --week or --month, not a query string.");
        }

        var path = baseAddress.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(Endpoint, StringComparison.Ordinal))
        {
            path = path[..^Endpoint.Length];
        }

        var query = window is null ? "" : $"{WindowKey(window.Kind)}={window.Key}&";
        return new Uri($"{baseAddress.GetLeftPart(UriPartial.Authority)}{path}{Endpoint}?{query}limit={pageSize}");
    }

    private static string WindowKey(FeedWindowKind kind) => kind switch
    {
        FeedWindowKind.Day => "date",
        FeedWindowKind.Week => "week",
        _ => "month",
    };

    private static Uri WithPage(Uri first, int page) => new($"{first}&p={page}");

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException error)
        {
            throw new InvalidInputException($"{url}: {error.Message}");
        }
        catch (ExecutionRejectedException)
        {
            throw new InvalidInputException($"{url} did not answer in time, after retries.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidInputException($"{url} did not answer in time.");
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new InvalidInputException(
                $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}: expected a JSON array of daily papers. Is the address the base of a Paperwire or Hugging Face server?");
        }

        if (!IsJson(response.Content.Headers.ContentType))
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            response.Dispose();
            throw new InvalidInputException(
                $"{url} answered {mediaType}, not JSON. Is the address the base of a Paperwire or Hugging Face server?");
        }

        return response;
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>rel="next"</c> address, resolved against this page; it must stay on the server asked.</summary>
    private static Uri? NextLink(HttpResponseMessage response, Uri url, Uri first)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (Match match in values.SelectMany(v => LinkNext().Matches(v)))
        {
            if (!Uri.TryCreate(url, match.Groups["url"].Value, out var next))
            {
                continue;
            }

            if (Uri.Compare(next, first, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw new InvalidInputException($"{url}: its Link header points to another server ({next.GetLeftPart(UriPartial.Authority)}); not following it.");
            }

            return next;
        }

        return null;
    }

    [GeneratedRegex(@"<(?<url>[^>]*)>\s*(?:;[^,;]*)*;\s*rel\s*=\s*""?next""?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LinkNext();
}
