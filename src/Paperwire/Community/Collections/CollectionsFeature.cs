using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Paperwire.Accounts;
using Paperwire.Core.Community;
using Paperwire.Hosting;

namespace Paperwire.Community.Collections;

/// <summary>Registrations and API endpoints of the collections feature (issue 5).</summary>
public static class CollectionsFeature
{
    public static IServiceCollection AddCollections(this IServiceCollection services) => services
        .AddScoped<PaperChanges>()
        .AddScoped<CollectionService>()
        .AddScoped<CollectionImport>();

    public static RouteGroupBuilder MapCollectionsApi(this RouteGroupBuilder api)
    {
        var collections = api.MapGroup("/collections").WithTags("Collections");
        collections.MapGet("/{owner}/{slug}", GetAsync)
            .WithSummary("A public collection, or your own private one; others' private collections are 404.")
            .Produces<CollectionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        collections.MapPost("/", (CollectionRequest body, HttpContext context, CollectionService service, CancellationToken ct) =>
                RespondAsync(context, service, service.CreateAsync(context.UserId(), context.User.Identity!.Name!, new(body.Name, body.Description, body.Public), ct), created: true))
            .WithSummary("Create a collection { name, description?, public? }; its slug comes from the name (-2, -3… on clashes).")
            .Write();
        collections.MapPut("/{id:long}", (long id, CollectionRequest body, HttpContext context, CollectionService service, CancellationToken ct) =>
                RespondAsync(context, service, service.UpdateAsync(context.UserId(), id, new(body.Name, body.Description, body.Public), ct)))
            .WithSummary("Rename (the slug stays), describe, or make public/private one of your collections.")
            .Write();
        collections.MapDelete("/{id:long}", async (long id, HttpContext context, CollectionService service, CancellationToken ct) =>
                await service.DeleteAsync(context.UserId(), id, ct) is { Succeeded: false } failed ? failed.Status.ToProblem() : TypedResults.NoContent())
            .WithSummary("Delete one of your collections.")
            .Write();
        collections.MapPost("/{id:long}/items", (long id, CollectionItemRequest body, HttpContext context, CollectionService service, CancellationToken ct) =>
                RespondAsync(context, service, service.AddItemAsync(context.UserId(), id, body.Paper, body.Note, ct)))
            .WithSummary("Add a paper { paper, note? } at the end of one of your collections.")
            .Write();
        collections.MapDelete("/{id:long}/items/{**paperId}", (long id, string paperId, HttpContext context, CollectionService service, CancellationToken ct) =>
                RespondAsync(context, service, service.RemoveItemAsync(context.UserId(), id, paperId, ct)))
            .WithSummary("Remove a paper from one of your collections.")
            .Write();
        collections.MapPut("/{id:long}/items/{**paperId}", (long id, string paperId, CollectionItemUpdate body, HttpContext context, CollectionService service, CancellationToken ct) =>
                RespondAsync(context, service, service.UpdateItemAsync(context.UserId(), id, paperId, body.Position, body.Note, ct)))
            .WithSummary("Move a paper to { position } (0 is first) and/or change its { note } (empty clears it).")
            .Write();
        CollectionImportApi.Map(collections);
        return api;
    }

    /// <summary>The signed-in user (API token or cookie) on a read that does not require signing in; null for anonymous.</summary>
    public static async Task<string?> OptionalUserIdAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ApiTokenAuthentication.ApiScheme);
        return result.Succeeded ? result.Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }

    private static async Task<IResult> GetAsync(string owner, string slug, HttpContext context, CollectionService service, CancellationToken ct)
    {
        var collection = await service.FindVisibleAsync(owner, slug, await OptionalUserIdAsync(context), ct);
        return collection is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Collection not found", detail: $"No collection {Api.ApiProblems.Shorten(slug)} by {Api.ApiProblems.Shorten(owner)}.")
            : TypedResults.Ok(CollectionResponse.From(collection));
    }

    private static async Task<IResult> RespondAsync(HttpContext context, CollectionService service, Task<Outcome<PaperCollection>> write, bool created = false)
    {
        var outcome = await write;
        if (!outcome.Succeeded)
        {
            return outcome.Status.ToProblem();
        }

        // Read back with the papers, as a GET would show it.
        var written = outcome.Value!;
        var response = CollectionResponse.From(
            await service.FindVisibleAsync(written.OwnerName, written.Slug, context.UserId(), context.RequestAborted) ?? written);
        return created ? TypedResults.Created(response.Url, response) : TypedResults.Ok(response);
    }

    private static RouteHandlerBuilder Write(this RouteHandlerBuilder endpoint) => endpoint
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Collections)
        .Produces<CollectionResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
