using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paperwire.Storage;

namespace Paperwire.Hosting;

/// <summary>
/// <c>/healthz</c>: healthy when the database answers a query against Paperwire's own schema.
/// "Can connect" is not enough: SQLite happily creates an empty file where the database used to be
/// (a deleted data directory that a background worker recreated), and that database has no papers table.
/// </summary>
public sealed class StorageHealthCheck(PaperwireDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.Papers.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("storage reachable");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("storage unreachable", error);
        }
    }

    public static Task WriteResponse(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new HealthAnswer(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckAnswer(e.Value.Status.ToString(), e.Value.Description)));
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>The body of <c>/healthz</c>: <c>status</c> is Healthy, Degraded or Unhealthy, overall and per check.</summary>
public sealed record HealthAnswer(string Status, IReadOnlyDictionary<string, HealthCheckAnswer> Checks);

public sealed record HealthCheckAnswer(string Status, string? Description);
