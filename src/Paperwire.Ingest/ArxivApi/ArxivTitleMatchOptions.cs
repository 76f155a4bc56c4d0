namespace Paperwire.Ingest.ArxivApi;

/// <summary>
/// Configuration section <c>Ingest:TitleMatch</c>: whether a serving node looks up papers known only by title (the
/// demo corpus) on arXiv, once after it starts and after every scheduled harvest. Off: no request leaves for it.
/// </summary>
public sealed class ArxivTitleMatchOptions
{
    public const string Section = "Ingest:TitleMatch";

    public bool Enabled { get; set; } = true;
}
