using Paperwire.Api;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Hosting;

namespace Paperwire.Community.Organizations;

/// <summary>Body of <c>POST /api/organizations</c> and <c>PUT /api/organizations/{name}</c>.</summary>
public sealed record OrganizationRequest(string? Name, string? FullName, string? AvatarUrl);

/// <summary>Body of <c>PUT /api/papers/{id}/organization</c>: the organization's name, or null to unlink.</summary>
public sealed record PaperOrganizationRequest(string? Name);

public sealed record OrganizationResponse(string Name, string FullName, string? AvatarUrl, string Url)
{
    public static OrganizationResponse From(Organization organization) =>
        new(organization.Name, organization.FullName, organization.AvatarUrl, PaperLinks.OrganizationPath(organization.Name));
}

/// <summary>Registrations and API endpoints of the organizations feature (issue 5).</summary>
public static class OrganizationsFeature
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) => services.AddScoped<OrganizationService>();

    public static RouteGroupBuilder MapOrganizationsApi(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations").WithTags("Organizations");
        organizations.MapPost("/", (OrganizationRequest body, HttpContext context, OrganizationService service, CancellationToken ct) =>
                AdminOnly(context, async () => Respond(await service.SaveAsync(body.Name, body.FullName, body.AvatarUrl, create: true, ct), created: true)))
            .WithSummary("Create an organization { name, fullName, avatarUrl? (https) } (admins only).")
            .Write();
        organizations.MapPut("/{name}", (string name, OrganizationRequest body, HttpContext context, OrganizationService service, CancellationToken ct) =>
                AdminOnly(context, async () => Respond(await service.SaveAsync(name, body.FullName, body.AvatarUrl, create: false, ct))))
            .WithSummary("Edit an organization's full name and avatar URL (admins only).")
            .Write();
        organizations.MapPost("/{name}/members/{userName}", (string name, string userName, HttpContext context, OrganizationService service, CancellationToken ct) =>
                AdminOnly(context, async () => NoContent(await service.SetMemberAsync(name, userName, member: true, ct))))
            .WithSummary("Add a user to an organization (admins only).")
            .Write();
        organizations.MapDelete("/{name}/members/{userName}", (string name, string userName, HttpContext context, OrganizationService service, CancellationToken ct) =>
                AdminOnly(context, async () => NoContent(await service.SetMemberAsync(name, userName, member: false, ct))))
            .WithSummary("Remove a user from an organization (admins only).")
            .Write();

        foreach (var pattern in (string[])["/papers/{id}/organization", "/papers/{archive}/{number}/organization"])
        {
            api.MapPut(pattern, LinkPaperAsync)
                .WithTags("Organizations")
                .WithSummary("Link a paper to an organization { name } or unlink it { name: null }: admins, or a member for a paper they submitted.")
                .Write();
        }

        return api;
    }

    private static async Task<IResult> LinkPaperAsync(PaperOrganizationRequest body, HttpContext context, OrganizationService service, CancellationToken ct)
    {
        var values = context.Request.RouteValues;
        var paper = values.TryGetValue("archive", out var archive) ? $"{archive}/{values["number"]}" : values["id"] as string;
        var outcome = await service.LinkPaperAsync(context.UserId(), context.User.Identity!.Name!, context.User.IsInRole(Roles.Admin), paper, body.Name, ct);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value!.ToHfPaper()) : outcome.Status.ToProblem();
    }

    private static Task<IResult> AdminOnly(HttpContext context, Func<Task<IResult>> action) =>
        context.User.IsInRole(Roles.Admin)
            ? action()
            : Task.FromResult(Collections.Outcome.Forbidden("Only admins manage organizations.").ToProblem());

    private static IResult Respond(Collections.Outcome<Organization> outcome, bool created = false) =>
        !outcome.Succeeded ? outcome.Status.ToProblem()
        : created ? TypedResults.Created(PaperLinks.OrganizationPath(outcome.Value!.Name), OrganizationResponse.From(outcome.Value!))
        : TypedResults.Ok(OrganizationResponse.From(outcome.Value!));

    private static IResult NoContent(Collections.Outcome outcome) => outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem();

    private static RouteHandlerBuilder Write(this RouteHandlerBuilder endpoint) => endpoint
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Collections)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
