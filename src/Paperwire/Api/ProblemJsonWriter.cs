using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Paperwire.Api;

/// <summary>
/// Errors of the API and the feeds are problem+json whatever the request's <c>Accept</c> says. The framework's writer
/// answers only clients that accept JSON, so <c>Accept: text/html</c> on an unknown API address left the error page
/// with no writer at all (an exception, then an empty answer). This one takes over there and applies the same
/// customizations (<see cref="ErrorMessages"/>).
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => IsApiOrFeed(context.HttpContext);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var httpContext = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= httpContext.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(httpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json", httpContext.RequestAborted));
    }

    /// <summary>True for a request to <c>/api</c> or <c>/feeds</c>, also once re-executed as the error page.</summary>
    public static bool IsApiOrFeed(HttpContext context)
    {
        var path = new PathString(context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? context.Request.Path.Value);
        return path.StartsWithSegments("/api") || path.StartsWithSegments("/feeds");
    }
}
