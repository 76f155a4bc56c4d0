using Microsoft.AspNetCore.Http.Features;

namespace Paperwire.Hosting;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2). Razor Pages answer it themselves, but minimal API endpoints
/// (<c>MapGet</c>) match GET only, so HEAD on the API and the feeds got 405. Running HEAD as GET, before routing,
/// gives every GET endpoint the same status and headers (and output cache entry), with the body thrown away.
/// </summary>
public static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            var server = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Request.Method = HttpMethods.Get;
            // Headers still go out through the server's feature; only the body writes end in Stream.Null.
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, server));
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(server);
                context.Request.Method = HttpMethods.Head;
            }
        });
        return app;
    }
}
