using System.Reflection;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Paperwire.Tests.Web.Hostile;

/// <summary>
/// One way to call an endpoint: a method, the route pattern (and page handler name), and what it reads, as far as
/// its metadata says: route values, query keys, form fields (pages) and the JSON body's properties (minimal APIs).
/// </summary>
public sealed record HostileTarget(
    string Method,
    RoutePattern Route,
    string? PageHandler,
    bool IsPage,
    IReadOnlyList<string> QueryKeys,
    IReadOnlyList<string> FormFields,
    Type? JsonBody)
{
    public string Pattern => Route.RawText ?? "";

    public IEnumerable<string> RouteParameters => Route.Parameters.Select(p => p.Name);

    public bool IsWrite => Method is not ("GET" or "HEAD");

    public override string ToString() => $"{Method} {Pattern}{(PageHandler is null ? "" : "?handler=" + PageHandler)}";
}

/// <summary>
/// Every endpoint the running app maps, read from its route table at run time (Razor pages with their handlers,
/// minimal API routes with their methods and handler parameters), so a new endpoint is attacked without anyone
/// adding it to a list.
/// </summary>
public static partial class EndpointCatalog
{
    public static async Task<IReadOnlyList<HostileTarget>> ReadAsync(IServiceProvider services)
    {
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var loader = services.GetRequiredService<PageLoader>();
        var targets = new List<HostileTarget>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor)
            {
                var page = descriptor as CompiledPageActionDescriptor ?? await loader.LoadAsync(descriptor, endpoint.Metadata);
                targets.AddRange(PageTargets(endpoint.RoutePattern, page));
            }
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler)
            {
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var parameters = handler.GetParameters().Where(p => !IsInfrastructure(p.ParameterType, isService) && !route.Contains(p.Name!)).ToList();
                var query = parameters.Where(p => IsSimple(p.ParameterType)).Select(p => p.Name!).ToList();
                var body = parameters.FirstOrDefault(p => !IsSimple(p.ParameterType))?.ParameterType;
                targets.AddRange(methods.Select(method => new HostileTarget(method, endpoint.RoutePattern, null, false, query, [], method == "GET" ? null : body)));
            }
            else
            {
                // Health checks and other endpoints without a handler method: no parameters beyond the common ones.
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                targets.AddRange(methods.Select(method => new HostileTarget(method, endpoint.RoutePattern, null, false, [], [], null)));
            }
        }

        // Reads first, destructive writes last: a delete with a valid id takes away what later requests would reach.
        return [.. targets
            .DistinctBy(t => t.ToString())
            .OrderBy(t => t.Method == "DELETE" || Destructive().IsMatch(t.Pattern + "?" + t.PageHandler))
            .ThenBy(t => t.Method switch { "GET" => 0, "POST" => 1, "PUT" => 2, "PATCH" => 3, _ => 4 })
            .ThenBy(t => t.Pattern, StringComparer.Ordinal)
            .ThenBy(t => t.PageHandler, StringComparer.Ordinal)];
    }

    private static IEnumerable<HostileTarget> PageTargets(RoutePattern route, CompiledPageActionDescriptor page)
    {
        var routeNames = route.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var properties = page.BoundProperties.SelectMany(p => FieldNames(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType)).Where(n => !routeNames.Contains(n)).ToList();

        // A page renders for GET even without a handler; POST only where a handler exists (named ones by ?handler=).
        var getKeys = page.HandlerMethods.Where(h => h.HttpMethod == "Get").SelectMany(HandlerFields).Concat(properties).Where(n => !routeNames.Contains(n)).Distinct().ToList();
        yield return new HostileTarget("GET", route, null, true, getKeys, [], null);
        foreach (var handler in page.HandlerMethods.Where(h => h.HttpMethod == "Post"))
        {
            var fields = HandlerFields(handler).Concat(properties).Where(n => !routeNames.Contains(n)).Distinct().ToList();
            yield return new HostileTarget("POST", route, handler.Name, true, [], fields, null);
        }
    }

    private static IEnumerable<string> HandlerFields(HandlerMethodDescriptor handler) =>
        handler.Parameters
            .Where(p => p.BindingInfo?.BindingSource is null || p.BindingInfo.BindingSource.CanAcceptDataFrom(BindingSource.Form) || p.BindingInfo.BindingSource.CanAcceptDataFrom(BindingSource.Query))
            .Where(p => p.ParameterType != typeof(CancellationToken))
            .SelectMany(p => FieldNames(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType));

    /// <summary>A simple value is one field; a class is one field per settable property (<c>Form.Login</c>).</summary>
    private static IEnumerable<string> FieldNames(string name, Type type) =>
        IsSimple(type)
            ? [name]
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && IsSimple(p.PropertyType)).Select(p => $"{name}.{p.Name}");

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(DateOnly) || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) || underlying == typeof(Guid)
            || (underlying.IsArray && IsSimple(underlying.GetElementType()!));
    }

    [GeneratedRegex("delete|remove|revoke|reject|hide|unsubscribe|signout", RegexOptions.IgnoreCase)]
    private static partial Regex Destructive();

    private static bool IsInfrastructure(Type type, IServiceProviderIsService isService) =>
        type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse) || type == typeof(CancellationToken)
        || type == typeof(ClaimsPrincipal) || isService.IsService(type);
}
