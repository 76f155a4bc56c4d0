using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Paperwire.Hosting;

/// <summary>
/// The site's one stylesheet: every file of <c>wwwroot/css</c> joined in a fixed order (<c>site.css</c>, which holds
/// the design tokens, first; the others by name), so a page makes one stylesheet request while the sources stay small
/// files per feature, and a new file is picked up without a list to edit. Built once, on first use, from the files as
/// they are then; served at <see cref="Path"/> with <c>?v=</c> the hash of the bundle, cached like the fingerprinted
/// static files (<see cref="StaticFileCaching"/>) and compressed by the response compression. See docs/frontend.md.
/// </summary>
public sealed class StylesheetBundle
{
    public const string Path = "/css/paperwire.css";

    private const string Folder = "css";
    private const string First = "site.css";

    private StylesheetBundle(byte[] content, string version)
    {
        Content = content;
        Version = version;
    }

    public byte[] Content { get; }

    /// <summary>The bundle's content hash, URL-safe: what <c>?v=</c> carries.</summary>
    public string Version { get; }

    /// <summary>What pages link: the bundle's path with its current version.</summary>
    public string Href => $"{Path}?v={Version}";

    public static StylesheetBundle Build(IWebHostEnvironment environment)
    {
        var files = environment.WebRootFileProvider.GetDirectoryContents(Folder)
            .Where(f => !f.IsDirectory && f.Name.EndsWith(".css", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Name == First ? 0 : 1)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var text = new StringBuilder();
        foreach (var file in files)
        {
            using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
            // The file's name marks where each source starts, for whoever reads the bundle in a browser's tools.
            text.Append("/* ").Append(file.Name).Append(" */\n").Append(reader.ReadToEnd().TrimEnd()).Append("\n\n");
        }

        var content = Encoding.UTF8.GetBytes(text.ToString());
        var version = WebEncoders.Base64UrlEncode(SHA256.HashData(content));
        return new StylesheetBundle(content, version);
    }
}

public static class StylesheetBundleEndpoint
{
    public static IServiceCollection AddStylesheetBundle(this IServiceCollection services) =>
        services.AddSingleton(provider => StylesheetBundle.Build(provider.GetRequiredService<IWebHostEnvironment>()));

    public static WebApplication MapStylesheetBundle(this WebApplication app)
    {
        app.MapGet(StylesheetBundle.Path, Serve).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Immutable for a year when <c>v</c> is the current version (a change makes a new link); otherwise revalidated
    /// on every use. The ETag is the version, so a revalidation of an unchanged bundle is a bodiless 304.
    /// </summary>
    private static IResult Serve(HttpContext context, StylesheetBundle bundle)
    {
        var headers = context.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{bundle.Version}\"");
        headers.ETag = etag.ToString();
        headers.CacheControl = context.Request.Query["v"] == bundle.Version ? StaticFileCaching.Immutable : StaticFileCaching.Revalidate;
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(bundle.Content, "text/css; charset=utf-8");
    }
}
