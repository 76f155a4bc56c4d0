using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Paperwire.Community.Comments;
using Paperwire.Hosting;

namespace Paperwire.Api;

/// <summary>
/// <c>GET /api/papers/{id}/similar</c> and <c>GET /api/papers/{id}/comments</c> in the OpenAPI document. Both are
/// answered by the papers catch-all route (old-style ids such as hep-th/9901001 contain a slash), which the
/// generator sees as the one operation <c>/api/papers/{id}</c>; this document transformer adds the two by hand.
/// </summary>
public static class PaperSubresourcesOpenApi
{
    public const string IdDescription =
        "id: an arXiv id without version (2504.05299), an old-style arXiv id with its slash unescaped (hep-th/9901001) or a Paperwire id (pw-…).";

    public static async Task AddPathsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var papers = ArrayOf(await context.ComponentAsync(document, typeof(HfPaper), cancellationToken));
        var comments = ArrayOf(await context.ComponentAsync(document, typeof(CommentResponse), cancellationToken));
        var problem = await context.ComponentAsync(document, typeof(ProblemDetails), cancellationToken);
        document.Paths ??= [];
        document.Paths["/api/papers/{id}/similar"] = Get(
            document,
            "Papers",
            "SimilarPapers",
            "Papers nearest in meaning to this one (flat paper objects, nearest first).",
            papers,
            problem,
            SimilarPapersApi.Limit.ToOpenApi());
        document.Paths["/api/papers/{id}/comments"] = Get(
            document,
            "Community",
            "PaperComments",
            "The paper's comments, oldest first, replies under their comment. Deleted and hidden comments keep their place with state \"deleted\" or \"hidden\" and no author or text.",
            comments,
            problem);
    }

    private static OpenApiPathItem Get(
        OpenApiDocument document, string tag, string operationId, string summary, IOpenApiSchema answer, IOpenApiSchema problem, params OpenApiParameter[] query)
    {
        var id = new OpenApiParameter
        {
            Name = "id",
            In = ParameterLocation.Path,
            Required = true,
            Description = IdDescription,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        return new OpenApiPathItem
        {
            Operations = new()
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = operationId,
                    Summary = summary,
                    Tags = new HashSet<OpenApiTagReference> { document.Tag(tag) },
                    Parameters = [id, .. query],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Answer("OK", "application/json", answer),
                        ["400"] = Answer("The id is not a paper id, or a query parameter is out of range.", "application/problem+json", problem),
                        ["404"] = Answer("No paper with this id is in the catalog.", "application/problem+json", problem),
                    },
                },
            },
        };
    }

    private static OpenApiSchema ArrayOf(IOpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };

    private static OpenApiResponse Answer(string description, string contentType, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
    };
}
