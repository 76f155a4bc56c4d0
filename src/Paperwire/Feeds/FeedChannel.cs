using Paperwire.Core.Papers;

namespace Paperwire.Feeds;

/// <summary>What a syndication feed shows: a titled list of papers and the page it mirrors.</summary>
public sealed record FeedChannel(string Title, string Description, string PagePath, IReadOnlyList<Paper> Papers);
