using Microsoft.AspNetCore.Http.Features;
using Paperwire.Citations.Import;
using Paperwire.Hosting;

namespace Paperwire.Community.Collections;

/// <summary>
/// <c>POST /api/collections/{id}/import</c>: a BibTeX or RIS file, as the raw body or as the <c>file</c> field of a
/// multipart form, into one of your collections. Answers the import report; a file over the size limit is 413, one
/// that is not BibTeX or RIS is 400 with the line and the references read before it.
/// </summary>
public static class CollectionImportApi
{
    public static RouteHandlerBuilder Map(RouteGroupBuilder collections) => collections
        .MapPost("/{id:long}/import", ImportAsync)
        .WithSummary("Import a BibTeX or RIS file (raw body, or multipart field 'file') into one of your collections; references are matched by arXiv id, DOI, then title.")
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Collections)
        // No Accepts metadata: the routing matcher would answer 415 to every other content type, and the raw body
        // may come as application/x-bibtex, text/plain, application/octet-stream or without one.
        .Produces<ImportResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> ImportAsync(long id, HttpContext context, CollectionImport import, CancellationToken ct)
    {
        var (bytes, problem) = await ReadFileAsync(context.Request, ct);
        if (problem is { } failed)
        {
            return failed.ToProblem();
        }

        var outcome = await import.ImportAsync(context.UserId(), id, bytes, ct);
        if (outcome.Succeeded)
        {
            return TypedResults.Ok(ImportResponse.From(outcome.Value!));
        }

        var extensions = outcome.Value is { } report
            ? new Dictionary<string, object?> { ["line"] = report.ErrorLine, ["references"] = ImportResponse.From(report).References }
            : null;
        return TypedResults.Problem(statusCode: outcome.Status.Status, title: outcome.Status.Title, detail: outcome.Status.Detail, extensions: extensions);
    }

    /// <summary>The uploaded file, read up to one byte past the limit so a larger one is refused without reading it all.</summary>
    public static async Task<(byte[] Bytes, Outcome? Problem)> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > ReferenceFile.MaxBytes + (64 * 1024))
        {
            return ([], CollectionImport.TooLarge);
        }

        Stream body;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = ReferenceFile.MaxBytes + (64 * 1024) }));
                form = await request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                return ([], CollectionImport.TooLarge);
            }

            if (form.Files.GetFile("file") is not { } file)
            {
                return ([], Outcome.BadRequest("No file", "Send the file as the multipart field 'file', or as the request body."));
            }

            body = file.OpenReadStream();
        }
        else
        {
            body = request.Body;
        }

        await using (body)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > ReferenceFile.MaxBytes)
                {
                    return ([], CollectionImport.TooLarge);
                }
            }

            return (buffer.ToArray(), null);
        }
    }
}

/// <summary>The import report as the API answers it.</summary>
public sealed record ImportResponse(int Added, int Matched, int Unmatched, IReadOnlyList<ImportedReferenceResponse> References)
{
    public static ImportResponse From(ImportReport report) => new(
        report.Added,
        report.References.Count(r => r.Matched),
        report.References.Count(r => !r.Matched),
        [.. report.References.Select(r => new ImportedReferenceResponse(
            r.Entry.Line, r.Entry.Key, r.Entry.Title, r.Entry.ArxivId, r.Entry.Doi, ImportWords.Code(r.Match), r.PaperId, r.AlreadyInCollection))]);
}

public sealed record ImportedReferenceResponse(int Line, string? Key, string? Title, string? ArxivId, string? Doi, string Match, string? Paper, bool AlreadyInCollection);

/// <summary>How the API and the result page name a match.</summary>
public static class ImportWords
{
    public static string Code(ImportMatch match) => match switch
    {
        ImportMatch.ArxivId => "arxiv-id",
        ImportMatch.Doi => "doi",
        ImportMatch.Title => "title",
        ImportMatch.FetchedFromArxiv => "fetched-from-arxiv",
        ImportMatch.NotOnArxiv => "not-on-arxiv",
        ImportMatch.ArxivUnavailable => "arxiv-unavailable",
        _ => "not-found",
    };

    public static string Sentence(ImportMatch match) => match switch
    {
        ImportMatch.ArxivId => "Matched by arXiv id",
        ImportMatch.Doi => "Matched by DOI",
        ImportMatch.Title => "Matched by title",
        ImportMatch.FetchedFromArxiv => "Fetched from arXiv",
        ImportMatch.NotOnArxiv => "arXiv has no paper with this id",
        ImportMatch.ArxivUnavailable => "arXiv did not answer; import the file again later to fetch it",
        _ => "Not in the catalog (no arXiv id, DOI or title match)",
    };
}
