using Paperwire.Core.Feed;

namespace Paperwire.Ingest.HuggingFace;

/// <summary>
/// What to import: a daily-papers JSON file, or the base address of a server answering <c>/api/daily_papers</c>
/// (huggingface.co or another Paperwire). <paramref name="Window"/> is sent to a server as date/week/month; in a
/// file it keeps the entries whose feed date falls inside it. <paramref name="PageSize"/> is the <c>limit</c> asked of a server.
/// </summary>
public sealed record HfImportRequest(string Source, FeedWindow? Window = null, int PageSize = HfImportRequest.DefaultPageSize)
{
    /// <summary>The largest page huggingface.co and Paperwire answer.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>True when <see cref="Source"/> is an http(s) address rather than a file path.</summary>
    public bool TryGetBaseAddress(out Uri baseAddress)
    {
        baseAddress = null!;
        if (!Uri.TryCreate(Source, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        baseAddress = uri;
        return true;
    }
}
