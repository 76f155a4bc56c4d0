using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Paperwire.Core;
using Paperwire.Storage;
using Paperwire.Storage.Images;

namespace Paperwire.Avatars;

/// <summary>
/// Pictures of people and organizations, served from this origin: generated initials (<c>/avatars/initials.svg</c>),
/// members' uploads (<c>/avatars/users/{name}</c>) and organizations' logos (<c>/avatars/orgs/{name}</c>). An address
/// with the current <c>v</c> never changes content and is cached for a year; without it, for five minutes.
/// </summary>
public static class AvatarsFeature
{
    private const string Forever = "public, max-age=31536000, immutable";

    private const string Briefly = "public, max-age=300";

    public static IServiceCollection AddAvatars(this IServiceCollection services) => services
        .AddScoped<AvatarStore>()
        .AddScoped<CardFaces>();

    public static WebApplication MapAvatars(this WebApplication app)
    {
        var avatars = app.MapGroup("/avatars").ExcludeFromDescription();
        avatars.MapGet("/initials.svg", Initials);
        avatars.MapGet("/users/{name}", UserAsync);
        avatars.MapGet("/orgs/{name}", OrganizationAsync);
        return app;
    }

    private static IResult Initials(HttpContext context, string? name, string? v)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > InitialsAvatar.MaxNameLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid name",
                detail: $"Give the name to draw as ?name=, at most {InitialsAvatar.MaxNameLength} characters.");
        }

        context.Response.Headers.CacheControl = v == InitialsAvatar.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ? Forever : Briefly;
        return TypedResults.File(Encoding.UTF8.GetBytes(InitialsAvatar.Svg(name)), "image/svg+xml", entityTag: EntityTagHeaderValue.Parse(InitialsAvatar.ETag(name)));
    }

    private static async Task<IResult> UserAsync(HttpContext context, string name, string? v, PaperwireDbContext db, CancellationToken cancellationToken)
    {
        var normalized = name.ToUpperInvariant();
        var user = Handle.IsValid(name)
            ? await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => new { u.Id, u.UserName, u.AvatarVersion }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (user is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: $"No user is called {Api.ApiProblems.Shorten(name)}.");
        }

        return user.AvatarVersion is null
            ? Redirect(context, AvatarLinks.Initials(user.UserName!))
            : await ImageAsync(context, db, StoredImage.UserKey(user.Id), v, cancellationToken);
    }

    private static async Task<IResult> OrganizationAsync(HttpContext context, string name, string? v, PaperwireDbContext db, CancellationToken cancellationToken)
    {
        var organization = Handle.IsValid(name) ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == name, cancellationToken) : null;
        if (organization is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Organization not found", detail: $"There is no organization called {Api.ApiProblems.Shorten(name)}.");
        }

        return organization.LogoVersion is null
            ? Redirect(context, AvatarLinks.Organization(organization))
            : await ImageAsync(context, db, StoredImage.OrganizationKey(organization.Name), v, cancellationToken);
    }

    private static async Task<IResult> ImageAsync(HttpContext context, PaperwireDbContext db, string key, string? v, CancellationToken cancellationToken)
    {
        var image = await db.Images.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key, cancellationToken);
        if (image is null)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = v == image.Version ? Forever : Briefly;
        // Uploaded bytes: never sniffed into anything else, never a document (a direct visit gets no script to run).
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(image.Data, image.ContentType, lastModified: image.UpdatedAt, entityTag: new EntityTagHeaderValue($"\"{image.Version}\""));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult Redirect(HttpContext context, string location)
    {
        context.Response.Headers.CacheControl = Briefly;
        return TypedResults.Redirect(location);
    }
}
