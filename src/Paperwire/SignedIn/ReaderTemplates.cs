using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Paperwire.ForYou;
using Paperwire.Hosting;

namespace Paperwire.SignedIn;

/// <summary>
/// Marks a page whose markup is the same for every signed-in reader except for the parts views write through
/// <see cref="ReaderParts"/>: <see cref="ReaderTemplates"/> then renders it once per catalog stamp and fills it per reader.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReaderTemplateAttribute : Attribute;

/// <summary>
/// Signed-in readers' pages at the speed of cached ones. Anonymous readers get the day, week, month, home and search
/// pages from the output cache; signed-in readers cannot, since each sees their own upvotes, marks, follows, name and
/// antiforgery token. So a page marked <see cref="ReaderTemplateAttribute"/> is rendered once for all signed-in
/// readers with those parts left as holes (<see cref="ReaderParts"/>), kept under the catalog's stamp like the
/// output cache's entries, and written for each reader by filling the holes from their <see cref="ReaderState"/>,
/// which is itself kept in memory (<see cref="ReaderStates"/>). A hit runs no query, no Razor and no MVC.
/// </summary>
public sealed class ReaderTemplates(RequestDelegate next, FeedCacheInvalidator invalidator, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, HtmlEncoder encoder) : IDisposable
{
    // Rendered pages of every path and query readers ask for, up to this many bytes of markup.
    private readonly MemoryCache templates = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    // Request tokens by (antiforgery cookie, reader): a token made for that cookie and reader stays valid for them, and
    // making one costs two Data Protection operations, the biggest part of a signed-in page otherwise.
    private readonly MemoryCache tokens = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task InvokeAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !HttpMethods.IsGet(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<ReaderTemplateAttribute>() is null)
        {
            await next(context);
            return;
        }

        // Taken before rendering: a page rendered from data that changed meanwhile is kept under the old stamp only.
        // Accept too: the paper page answers Markdown by it (and says so with Vary: Accept).
        var key = $"{context.Request.Path}{context.Request.QueryString}\n{context.Request.Headers.Accept}\n{invalidator.Stamp}";
        if (!templates.TryGetValue(key, out PageTemplate? template))
        {
            var (recorded, keep) = await RecordAsync(context);
            if (recorded is null)
            {
                return;
            }

            template = recorded;
            if (keep)
            {
                templates.Set(key, template, new MemoryCacheEntryOptions { Size = template.Size, AbsoluteExpirationRelativeToNow = Lifetime });
            }
        }

        await WriteAsync(context, template!, userId);
    }

    public void Dispose()
    {
        templates.Dispose();
        tokens.Dispose();
    }

    /// <summary>
    /// The reader's antiforgery request token, with the headers a rendered page sends with one (no caching). A new
    /// token (and a new cookie, when the browser sent none or a bad one) comes from <see cref="IAntiforgery"/>; one
    /// made earlier for the same cookie and reader is used again.
    /// </summary>
    private string RequestToken(HttpContext context, string userId)
    {
        var cookie = context.Request.Cookies[antiforgeryOptions.Value.Cookie.Name!];
        var key = cookie is null ? null : $"{userId}\n{cookie}";
        if (key is not null && tokens.TryGetValue(key, out string? known))
        {
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return known!;
        }

        var token = antiforgery.GetAndStoreTokens(context).RequestToken ?? "";
        var renewedCookie = context.Response.Headers.SetCookie.Any(c => c?.StartsWith(antiforgeryOptions.Value.Cookie.Name + "=", StringComparison.Ordinal) == true);
        if (key is not null && !renewedCookie)
        {
            tokens.Set(key, token, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }

        return token;
    }

    /// <summary>
    /// Renders the page with its reader's parts as holes. Any HTML answer comes back as a template to fill for this
    /// reader (an error page has holes too), kept only when it is a 200; anything else was sent as it was (null).
    /// </summary>
    private async Task<(PageTemplate? Template, bool Keep)> RecordAsync(HttpContext context)
    {
        var recording = new TemplateRecording();
        var parts = context.RequestServices.GetRequiredService<ReaderParts>();
        parts.Record(recording);
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            // An error page shown by re-executing the request (status code pages) renders normally.
            parts.Record(null);
        }

        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
            return (null, false);
        }

        // The forms of the page share one request token (the antiforgery feature keeps it for the request).
        var token = antiforgery.GetAndStoreTokens(context).RequestToken;
        var template = recording.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), token, context.Response.Headers.Vary);
        return (template, context.Response.StatusCode == StatusCodes.Status200OK);
    }

    private async Task WriteAsync(HttpContext context, PageTemplate template, string userId)
    {
        var state = await context.RequestServices.GetRequiredService<ReaderMarks>().StateAsync(context.RequestAborted);
        var token = RequestToken(context, userId);
        var name = encoder.Encode(context.User.Identity?.Name ?? "");
        context.Response.ContentType = "text/html; charset=utf-8";
        if (template.Vary is { Length: > 0 } vary)
        {
            context.Response.Headers.Vary = vary;
        }

        var live = context.RequestServices.GetRequiredService<LivePartials>();
        await template.WriteToAsync(
            context.Response.BodyWriter,
            new PageTemplate.Filling(state, Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(name), part => live.RenderAsync(context, part.ViewPath, part.Model)));
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
