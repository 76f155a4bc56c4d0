using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Paperwire.Hosting;

/// <summary>
/// Static files under <c>wwwroot</c>. Pages link them with <c>asp-append-version</c> (<c>/css/site.css?v=HASH</c>);
/// a request whose <c>v</c> is the hash of the file as it is now may be kept by browsers and proxies for a year,
/// since a change to the file changes the link. Anything else (no <c>v</c>, or a stale one) is revalidated on
/// every use, so an old copy is never kept forever under a link that now means something new.
/// </summary>
public static class StaticFileCaching
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public static WebApplication UseFingerprintedStaticFiles(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = SetCacheControl });
        return app;
    }

    private static void SetCacheControl(StaticFileResponseContext file)
    {
        var context = file.Context;
        string? version = context.Request.Query["v"];
        var current = version is null
            ? null
            : context.RequestServices.GetRequiredService<IFileVersionProvider>().AddFileVersionToPath(context.Request.PathBase, context.Request.Path.Value!);
        context.Response.Headers[HeaderNames.CacheControl] = current is not null && current.EndsWith("?v=" + version, StringComparison.Ordinal)
            ? Immutable
            : Revalidate;
    }
}
