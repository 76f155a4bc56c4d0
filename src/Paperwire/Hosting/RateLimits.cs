using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Paperwire.Hosting;

/// <summary>
/// Rate limits on what a script could abuse: sign-up and sign-in (per IP), and, per user, the community's
/// writes. Reading is never limited. A limited request gets 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    /// <summary>Account forms: 10 submissions per minute per IP address (GETs are free).</summary>
    public const string Accounts = "accounts";

    public static IServiceCollection AddPaperwireRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Accounts, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
