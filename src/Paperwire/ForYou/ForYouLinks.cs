using Paperwire.Core.Readers;
using Paperwire.Recommend.Ranking;

namespace Paperwire.ForYou;

/// <summary>Something a follow button names: the form's <c>kind</c> and <c>name</c>, and what the button says.</summary>
public sealed record FollowTarget(ReaderSignalKind Kind, string Name, string Label)
{
    public string KindName => FollowRules.KindName(Kind);
}

/// <summary>Addresses and view data the For you buttons share.</summary>
public static class ForYouLinks
{
    public const string PagePath = "/for-you";

    /// <summary>Where a reader's own data behind every reason is listed, and can be removed.</summary>
    public const string InterestsPath = "/account/interests";

    /// <summary>
    /// View data a page sets to send a reader back somewhere else after "Not interested" than the page itself: a
    /// <c>Func&lt;string, string&gt;</c> from the paper id to a local URL. For you uses it to show the undo notice.
    /// </summary>
    public const string NotInterestedReturnKey = "paperwire.not-interested-return";

    /// <summary>The request's own local address (path and query), where a card's form brings the reader back.</summary>
    public static string Here(HttpRequest request) => (request.Path.Value ?? "/") + request.QueryString.Value;

    public static string NotInterestedAction(string paperId, bool undo, string returnUrl) =>
        $"/papers/not-interested?id={Uri.EscapeDataString(paperId)}{(undo ? "&undo=true" : "")}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// Where a reason can be checked: the reader's paper it is close to, the followed organization's page, a search
    /// for the followed author, or (for a followed category) the interests page that lists the follow.
    /// </summary>
    public static string ReasonHref(RecommendationReason reason) => reason.Kind switch
    {
        ReasonKind.CloseTo when reason.PaperId is { } paperId => PaperLinks.PagePath(paperId),
        ReasonKind.FollowedOrganization => PaperLinks.OrganizationPath(reason.Subject),
        ReasonKind.FollowedAuthor => "/search?q=" + Uri.EscapeDataString(reason.Subject),
        _ => InterestsPath,
    };
}
