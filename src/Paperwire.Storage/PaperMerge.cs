using Paperwire.Core.Papers;

namespace Paperwire.Storage;

/// <summary>How an incoming record updates a stored paper; returns whether anything changed.</summary>
internal static class PaperMerge
{
    public static bool Apply(Paper stored, Paper incoming, bool mirrorsFeed, Dictionary<string, Organization> organizations)
    {
        var changed = false;
        changed |= Set(stored.Title, incoming.Title, v => stored.Title = v);
        changed |= Set(stored.Summary, incoming.Summary, v => stored.Summary = v);
        changed |= SetIfGiven(stored.License, incoming.License, v => stored.License = v);
        changed |= SetIfGiven(stored.Doi, incoming.Doi, v => stored.Doi = v);
        changed |= SetIfGiven(stored.JournalRef, incoming.JournalRef, v => stored.JournalRef = v);
        changed |= SetIfGiven(stored.Comments, incoming.Comments, v => stored.Comments = v);
        changed |= SetIfGiven(stored.GithubRepo, incoming.GithubRepo, v => stored.GithubRepo = v);
        changed |= SetIfGiven(stored.ProjectPage, incoming.ProjectPage, v => stored.ProjectPage = v);
        changed |= SetIfGiven(stored.GitlabRepo, incoming.GitlabRepo, v => stored.GitlabRepo = v);
        changed |= SetIfGiven(stored.AiSummary, incoming.AiSummary, v => stored.AiSummary = v);

        if (incoming.Authors.Count > 0 && !stored.Authors.Select(a => (a.Name, a.Hidden)).SequenceEqual(incoming.Authors.Select(a => (a.Name, a.Hidden))))
        {
            stored.Authors = [.. incoming.Authors.Select(a => new PaperAuthor { Name = a.Name, Hidden = a.Hidden })];
            changed = true;
        }

        if (incoming.GithubStars is { } stars && stored.GithubStars != stars)
        {
            stored.GithubStars = stars;
            changed = true;
        }

        if (incoming.AuthorCount > 0 && stored.AuthorCount != incoming.AuthorCount)
        {
            stored.AuthorCount = incoming.AuthorCount;
            changed = true;
        }

        if (incoming.Categories.Count > 0 && !stored.Categories.SequenceEqual(incoming.Categories))
        {
            stored.Categories = [.. incoming.Categories];
            changed = true;
        }

        if (incoming.HuggingFaceLinks.Count > 0 && !stored.HuggingFaceLinks.SequenceEqual(incoming.HuggingFaceLinks))
        {
            stored.HuggingFaceLinks = [.. incoming.HuggingFaceLinks];
            changed = true;
        }

        if (incoming.AiKeywords.Count > 0 && !stored.AiKeywords.SequenceEqual(incoming.AiKeywords))
        {
            stored.AiKeywords = [.. incoming.AiKeywords];
            changed = true;
        }

        if (incoming.Versions.Count > 0 && !stored.Versions.Select(v => (v.Number, v.CreatedAt)).SequenceEqual(incoming.Versions.Select(v => (v.Number, v.CreatedAt))))
        {
            stored.Versions = [.. incoming.Versions.Select(v => new PaperVersion { Number = v.Number, CreatedAt = v.CreatedAt })];
            changed = true;
        }

        if (incoming.PublishedAt != default && stored.PublishedAt != incoming.PublishedAt)
        {
            stored.PublishedAt = incoming.PublishedAt;
            changed = true;
        }

        if (incoming.UpdatedAt is { } updatedAt && stored.UpdatedAt != updatedAt)
        {
            stored.UpdatedAt = updatedAt;
            changed = true;
        }

        if (incoming.Withdrawn != stored.Withdrawn && incoming.Withdrawn)
        {
            stored.Withdrawn = true;
            changed = true;
        }

        if (incoming.Organization is { } organization && stored.OrganizationName != organization.Name)
        {
            stored.Organization = organizations[organization.Name];
            changed = true;
        }

        if (incoming.FeedEntry is { } entry && stored.FeedEntry is null)
        {
            stored.FeedEntry = new FeedEntry { PaperId = stored.Id, FeedDate = entry.FeedDate, SubmittedAt = entry.SubmittedAt, SubmittedBy = entry.SubmittedBy };
            changed = true;
        }

        if (mirrorsFeed && stored.Upvotes != incoming.Upvotes)
        {
            stored.Upvotes = incoming.Upvotes;
            changed = true;
        }

        return changed;
    }

    private static bool Set(string stored, string incoming, Action<string> assign)
    {
        if (string.IsNullOrWhiteSpace(incoming) || stored == incoming)
        {
            return false;
        }

        assign(incoming);
        return true;
    }

    private static bool SetIfGiven(string? stored, string? incoming, Action<string> assign) =>
        incoming is not null && Set(stored ?? "", incoming, assign);
}
