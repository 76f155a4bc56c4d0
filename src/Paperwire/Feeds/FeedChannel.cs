using Paperwire.Core.Papers;

namespace Paperwire.Feeds;

/// <summary>What a syndication feed shows: a titled list of papers and the page it mirrors.</summary>
/// <param name="Reasons">Why each paper is in a personal feed, by paper id; shown before its abstract.</param>
public sealed record FeedChannel(string Title, string Description, string PagePath, IReadOnlyList<Paper> Papers, IReadOnlyDictionary<string, string>? Reasons = null);
