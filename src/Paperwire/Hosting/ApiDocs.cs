namespace Paperwire.Hosting;

/// <summary>
/// <c>/docs</c>: the API documentation for people, Swagger UI rendering <see cref="OpenApiDocumentation.DocumentPath"/>.
/// Its script, styles and images are embedded in the Swashbuckle.AspNetCore.SwaggerUI package and served from
/// here, so the page works on a machine that reaches nothing outside.
/// </summary>
public static class ApiDocs
{
    public const string PathPrefix = "/docs";

    /// <summary>
    /// Swagger UI draws its logo as an SVG that carries an inline <c>&lt;style&gt;</c>; this hash allows that one
    /// block (it changes only with the package, and the browser test fails on any blocked style).
    /// </summary>
    public const string LogoStyleHash = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

    /// <summary>The site's policy with that one style hash added; every other page keeps the strict one.</summary>
    public static readonly string ContentSecurityPolicy =
        SecurityHeaders.ContentSecurityPolicy.Replace("style-src 'self'", $"style-src 'self' {LogoStyleHash}", StringComparison.Ordinal);

    public static WebApplication UseApiDocs(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix), docs => docs.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        }));
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = PathPrefix.TrimStart('/');
            options.DocumentTitle = "Paperwire API";
            // Relative, so the page finds the document behind a reverse proxy that adds a path prefix.
            options.SwaggerEndpoint(".." + OpenApiDocumentation.DocumentPath, "Paperwire API");
        });
        return app;
    }
}
