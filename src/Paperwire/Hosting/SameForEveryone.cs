using Microsoft.AspNetCore.OutputCaching;

namespace Paperwire.Hosting;

/// <summary>
/// The output cache's default rules for answers that are the same whoever asks (the HF-shaped API, the syndication
/// feeds): GET or HEAD, kept when 200 without cookies. Unlike the default it also serves and keeps requests that carry
/// an API token or a sign-in cookie, since these answers never look at them; a script with a token gets the API at the
/// anonymous speed. Pages, which do show the reader's own state, keep the default.
/// </summary>
public sealed class SameForEveryone : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var method = context.HttpContext.Request.Method;
        var cacheable = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
