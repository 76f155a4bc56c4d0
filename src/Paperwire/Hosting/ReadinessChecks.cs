using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paperwire.Search.Indexing;
using Paperwire.Storage;

namespace Paperwire.Hosting;

/// <summary>
/// <c>/readyz</c> asks more than <c>/healthz</c>: besides a database that answers, its schema is this version's
/// (no migration pending) and the search index has caught up with the catalog, so a proxy sends this node traffic
/// only when it serves complete answers. <c>/healthz</c> stays the cheap liveness probe.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddPaperwireHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<SearchReadiness>();
        return services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<MigrationsReadyCheck>("migrations", tags: [Tag])
            .AddCheck<SearchIndexReadyCheck>("search", tags: [Tag]);
    }
}

/// <summary>Ready when every migration this version knows is applied (a node started before <c>db migrate</c> is not).</summary>
public sealed class MigrationsReadyCheck(PaperwireDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("schema up to date")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied yet; run 'paperwire db migrate' or start 'serve', which migrates");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("storage unreachable", error);
        }
    }
}

/// <summary>This node's search index has caught up with the catalog once: from then on the node stays ready.</summary>
public sealed class SearchReadiness
{
    private volatile bool caughtUp;

    public bool CaughtUp
    {
        get => caughtUp;
        set => caughtUp = value;
    }
}

/// <summary>
/// Ready once the keyword index has seen every catalog change there was (then for good: a paper added a moment ago
/// and not indexed yet must not take the node out of rotation). "Nothing left after the index's position" rather
/// than "position equals the counter": a number handed out to a write that touched no paper never shows up in the
/// catalog. Vectors still being built only degrade it: keyword search answers meanwhile, and the search page says so.
/// </summary>
public sealed class SearchIndexReadyCheck(SearchIndexes indexes, CatalogChanges changes, SearchReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.CaughtUp && indexes.CatalogSequence is not null
            && (await changes.AfterAsync(indexes.Current.KeywordSequence, 1, cancellationToken)).Count == 0)
        {
            readiness.CaughtUp = true;
        }

        return !readiness.CaughtUp
            ? HealthCheckResult.Unhealthy("search index still catching up with the catalog")
            : indexes.SemanticWarmingUp
                ? HealthCheckResult.Degraded("keyword search ready; vectors still being built")
                : HealthCheckResult.Healthy("search index caught up");
    }
}
