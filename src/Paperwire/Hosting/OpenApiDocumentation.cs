using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paperwire.Hosting;

/// <summary>
/// <c>/openapi/v1.json</c>: generated from the endpoints' metadata, plus what the generator cannot see (the
/// health check, which is middleware, and the paths the papers catch-all answers). <c>/docs</c> renders it.
/// </summary>
public static class OpenApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddPaperwireOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Paperwire API";
            document.Info.Description =
                "Daily papers, papers and search answer in huggingface.co's shapes, so Hugging Face clients work by changing only the " +
                "base address; votes, comments, collections and the rest are Paperwire's own. Writes need a signed-in session " +
                "(with the X-CSRF-TOKEN header) or a personal API token (Authorization: Bearer …, made at /account/tokens).";
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer(AddHealthCheckAsync);
        options.AddDocumentTransformer(Api.PaperSubresourcesOpenApi.AddPathsAsync);
    });

    /// <summary>A reference to the type's schema under components (added there if no endpoint put it there first).</summary>
    public static async Task<IOpenApiSchema> ComponentAsync(
        this OpenApiDocumentTransformerContext context, OpenApiDocument document, Type type, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>A reference to the tag, declared in the document if it was not yet.</summary>
    public static OpenApiTagReference Tag(this OpenApiDocument document, string name)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(tag => tag.Name == name))
        {
            document.Tags.Add(new OpenApiTag { Name = name });
        }

        return new OpenApiTagReference(name, document);
    }

    private static async Task AddHealthCheckAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var answer = await context.ComponentAsync(document, typeof(HealthAnswer), cancellationToken);
        OpenApiResponse Response(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = answer } },
        };

        OpenApiPathItem Probe(string id, string summary, string healthy, string unhealthy) => new()
        {
            Operations = new()
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = id,
                    Summary = summary,
                    Tags = new HashSet<OpenApiTagReference> { document.Tag("Operations") },
                    Responses = new OpenApiResponses { ["200"] = Response(healthy), ["503"] = Response(unhealthy) },
                },
            },
        };

        document.Paths ??= [];
        document.Paths["/healthz"] = Probe(
            "Health",
            "Liveness: the process serves and its database answers a query against Paperwire's schema.",
            "Healthy: the node is alive.",
            "Unhealthy: the database is gone or unreachable.");
        document.Paths["/readyz"] = Probe(
            "Ready",
            "Readiness: as /healthz, and every migration is applied and the search index has caught up with the catalog.",
            "Healthy (or Degraded while vectors are still being built): send this node traffic.",
            "Unhealthy: keep the node out of rotation for now.");
    }
}
