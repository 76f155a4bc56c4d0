using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Web.Hostile;

/// <summary>A response the suite does not accept: a 5xx anywhere, or an API/feed error that is not ProblemDetails.</summary>
public sealed record HostileFailure(HostileRequest Request, int Status, string? ContentType, string Excerpt, string? KnownBecause)
{
    public override string ToString() => $"{Status} {ContentType ?? "(no type)"} ← {Request}{(KnownBecause is null ? "" : $" (known: {KnownBecause})")}\n      {Excerpt}";
}

/// <summary>Sends the requests one after another (deterministic order), checks every answer and counts what it saw.</summary>
public sealed partial class HostileRun(Func<HostileRequest, string?> knownFailure)
{
    private readonly Dictionary<int, int> statuses = [];
    private readonly SortedDictionary<string, SortedDictionary<int, int>> byTarget = new(StringComparer.Ordinal);
    private readonly HashSet<string> parameters = [];
    private readonly Stopwatch clock = new();

    public int Sent { get; private set; }

    /// <summary>Answered by Kestrel before the app saw the request (request line or headers too long, bad encoding).</summary>
    public int RefusedByServer { get; private set; }

    public List<HostileFailure> Failures { get; } = [];

    public IEnumerable<HostileFailure> UnexpectedFailures => Failures.Where(f => f.KnownBecause is null);

    public async Task SendAsync(IEnumerable<HostileRequest> requests, CancellationToken cancellationToken)
    {
        clock.Start();
        foreach (var request in requests)
        {
            await request.Session.EnsureSignedInAsync();
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
            if (request.FormBody is { } form)
            {
                message.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            }
            else if (request.JsonBody is { } json)
            {
                message.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            if (request.Session.Bearer is { } bearer)
            {
                message.Headers.Authorization = new("Bearer", bearer);
            }
            else if (request.Target.IsWrite && !request.Target.IsPage && request.Session.AntiforgeryToken is { } token)
            {
                message.Headers.Add("X-CSRF-TOKEN", token);
            }

            Sent++;
            parameters.Add(request.Target + " " + request.Parameter);
            try
            {
                using var response = await request.Session.Client.SendAsync(message, cancellationToken);
                await CheckAsync(request, response, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                Failures.Add(new HostileFailure(request, 0, null, "no answer: " + exception.Message, knownFailure(request)));
            }
        }

        clock.Stop();
    }

    private async Task CheckAsync(HostileRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        var target = $"{request.Session.Name} {request.Target}";
        var seen = byTarget.TryGetValue(target, out var counts) ? counts : byTarget[target] = [];
        seen[status] = seen.GetValueOrDefault(status) + 1;
        // Every answer from the app carries the security headers; Kestrel's own refusals do not.
        var reachedApp = response.Headers.Contains("X-Content-Type-Options");
        if (!reachedApp)
        {
            RefusedByServer++;
        }

        var type = response.Content.Headers.ContentType?.MediaType;
        // Where the request really went: the client resolves dot segments (../../etc/passwd) before sending.
        var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? request.Url.Split('?')[0];
        var apiError = reachedApp && status >= 400 && (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/feeds/", StringComparison.Ordinal))
            && type != "application/problem+json";
        if (status >= 500 || apiError)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            // An HTML page says what it is in its title; anything else in its first characters.
            var excerpt = Title().Match(body) is { Success: true } title ? "page: " + title.Groups[1].Value : body[..Math.Min(body.Length, 300)];
            Failures.Add(new HostileFailure(request, status, type, excerpt, knownFailure(request)));
        }
    }

    public string Summary(bool full)
    {
        var text = new StringBuilder();
        text.AppendLine($"hostile input ({(full ? "full corpus" : "CI subset")}, {(full ? HostilePayloads.All.Count : HostilePayloads.Ci.Count)} of {HostilePayloads.All.Count} payloads): " +
            $"{Sent} requests to {byTarget.Keys.Select(t => t[(t.IndexOf(' ') + 1)..]).Distinct().Count()} endpoint methods, {parameters.Count} parameters, in {clock.Elapsed.TotalSeconds:0.0} s");
        text.AppendLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        text.AppendLine($"refused by the server before the app: {RefusedByServer}");
        text.AppendLine($"failures: {UnexpectedFailures.Count()} unexpected, {Failures.Count(f => f.KnownBecause is not null)} known");
        foreach (var failure in Failures.OrderBy(f => f.KnownBecause is not null).Take(60))
        {
            text.AppendLine("  " + failure);
        }

        return text.ToString();
    }

    /// <summary>What each visitor got from each endpoint method, to see that payloads reached the code (not only 404s).</summary>
    public string Breakdown()
    {
        var text = new StringBuilder("by visitor and endpoint:\n");
        foreach (var (target, counts) in byTarget)
        {
            text.AppendLine($"  {target}: {string.Join(", ", counts.Select(c => $"{c.Key}×{c.Value}"))}");
        }

        return text.ToString();
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.Singleline)]
    private static partial Regex Title();
}
