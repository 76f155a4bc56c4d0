using Paperwire.Core.Papers;

namespace Paperwire.Testing;

/// <summary>Builds catalog papers for tests; every argument not given gets a plain default.</summary>
public static class PaperFactory
{
    private static int counter;

    public static Paper InFeed(string id, DateOnly feedDate, int upvotes = 0, string? title = null, string? submittedBy = null, Organization? organization = null, DateOnly? publishedOn = null, params string[] authors)
    {
        var paper = InCatalog(id, publishedOn ?? feedDate, upvotes, title, organization, authors);
        paper.FeedEntry = new FeedEntry
        {
            PaperId = id,
            FeedDate = feedDate,
            SubmittedAt = new DateTimeOffset(feedDate.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero).AddMinutes(Interlocked.Increment(ref counter)),
            SubmittedBy = submittedBy,
        };
        return paper;
    }

    public static Paper InCatalog(string id, DateOnly publishedOn, int upvotes = 0, string? title = null, Organization? organization = null, params string[] authors) => new()
    {
        Id = id,
        Title = title ?? $"Paper {id}",
        Summary = $"An abstract for paper {id} with $\\alpha$ and TeX.",
        PublishedAt = new DateTimeOffset(publishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Upvotes = upvotes,
        Organization = organization,
        AuthorCount = authors.Length,
        Authors = [.. authors.Select(name => new PaperAuthor { Name = name })],
    };
}
