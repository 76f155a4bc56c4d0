namespace Paperwire.Feeds;

public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}

public static class FeedFormats
{
    public static bool TryParse(string? extension, out FeedFormat format)
    {
        (var ok, format) = extension switch
        {
            "rss" => (true, FeedFormat.Rss),
            "atom" => (true, FeedFormat.Atom),
            "json" => (true, FeedFormat.Json),
            _ => (false, FeedFormat.Rss),
        };
        return ok;
    }

    public static string Extension(this FeedFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(this FeedFormat format) => format switch
    {
        FeedFormat.Rss => "application/rss+xml; charset=utf-8",
        FeedFormat.Atom => "application/atom+xml; charset=utf-8",
        _ => "application/feed+json; charset=utf-8",
    };

    public static string MediaType(this FeedFormat format) => format.ContentType().Split(';')[0];
}
