using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Paperwire.Hosting;

/// <summary>
/// Rate limits on what a script could abuse: sign-up and sign-in (per IP), and, per user, the community's
/// writes. Reading is never limited. A limited request gets 429 with Retry-After: the limiter's own wait.
/// </summary>
public static class RateLimits
{
    /// <summary>Account forms: 10 submissions per minute per IP address (GETs are free).</summary>
    public const string Accounts = "accounts";

    /// <summary>Upvotes: 60 per minute per user.</summary>
    public const string Votes = "votes";

    /// <summary>Comments and edits: 10 per minute per user.</summary>
    public const string Comments = "comments";

    /// <summary>Submissions to the daily feed: 20 per hour per user (the daily rule is separate).</summary>
    public const string Submissions = "submissions";

    /// <summary>Collection changes and token management: 120 per minute per user.</summary>
    public const string Collections = "collections";

    /// <summary>Picture uploads (a member's avatar, an organization's logo): 10 per 10 minutes per user.</summary>
    public const string Uploads = "uploads";

    /// <summary>
    /// Digest forms (subscribe, confirm, preferences): 10 submissions per 10 minutes per IP address. Per address, the
    /// subscription service itself sends at most one mail in <c>Digests:ConfirmationInterval</c>, across nodes.
    /// One-click unsubscribes are never limited: they come from mail providers' servers, many users per IP.
    /// </summary>
    public const string DigestSubscriptions = "digest-subscriptions";

    /// <summary>
    /// Multiplies every permit limit (default 1): for many users behind one address, or a test that sends thousands
    /// of writes and must reach the code behind the limits. Limits are never switched off.
    /// </summary>
    public const string ScaleSetting = "Paperwire:RateLimits:Scale";

    public static IServiceCollection AddPaperwireRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var scale = Math.Max(1, configuration.GetValue(ScaleSetting, 1));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(context.Lease);
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Accounts, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10 * scale, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(DigestSubscriptions, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "digest-ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10 * scale, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 }));
            options.AddPolicy(Votes, context => PerUser(context, 60 * scale, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Comments, context => PerUser(context, 10 * scale, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Submissions, context => PerUser(context, 20 * scale, TimeSpan.FromHours(1)));
            options.AddPolicy(Collections, context => PerUser(context, 120 * scale, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Uploads, context => PerUser(context, 10 * scale, TimeSpan.FromMinutes(10)));
        });
        return services;
    }

    /// <summary>
    /// The wait the limiter reports, in whole seconds rounded up (never 0, which would invite an immediate retry).
    /// On .NET 10 a fixed window reports its whole length, so a client may be told to wait up to one window longer
    /// than needed, never less (dotnet/runtime#92557; a later runtime reports the time to the next window).
    /// </summary>
    public static string RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "60";

    /// <summary>Writes counted per signed-in user (by IP for anonymous requests, which are then refused anyway).</summary>
    private static RateLimitPartition<string> PerUser(HttpContext context, int permits, TimeSpan window)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var user = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var key = user is null ? "ip:" + context.Connection.RemoteIpAddress : "user:" + user;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
    }
}
