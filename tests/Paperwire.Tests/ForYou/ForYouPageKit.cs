using System.Net;
using System.Text.RegularExpressions;
using Paperwire.Tests.Community.Votes;

namespace Paperwire.Tests.ForYou;

/// <summary>A signed-in browser on the For you page and the card buttons: forms read from the HTML, posted with their token.</summary>
internal static partial class ForYouPageKit
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static string Token(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "no antiforgery token on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a form of <paramref name="html"/> (its token included) with repeatable fields.</summary>
    public static async Task<(HttpStatusCode Status, string? Location, string Body)> PostAsync(CommunityClient browser, string html, string action, params (string Name, string Value)[] fields)
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", Token(html)));
        using var response = await browser.Http.PostAsync(action, new FormUrlEncodedContent(all), Cancel);
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>The action of the "Not interested" form (or its undo) of <paramref name="paperId"/> on the page.</summary>
    public static string NotInterestedAction(string html, string paperId, bool undo = false)
    {
        var actions = NotInterestedForm().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(a => a.Contains("id=" + Uri.EscapeDataString(paperId) + "&", StringComparison.Ordinal) && a.Contains("undo=true", StringComparison.Ordinal) == undo)
            .ToList();
        Assert.True(actions.Count > 0, $"no {(undo ? "undo" : "not-interested")} form for {paperId} on the page");
        return actions[0];
    }

    /// <summary>Paper ids of the For you list in order, each with its reason text.</summary>
    public static List<(string Id, string Reason)> Ranked(string html)
    {
        var start = html.IndexOf("<ol class=\"for-you-list\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var list = html[start..html.IndexOf("</ol>", start, StringComparison.Ordinal)];
        return [.. RankedItem().Matches(list).Select(m => (WebUtility.HtmlDecode(m.Groups[2].Value), WebUtility.HtmlDecode(m.Groups[1].Value)))];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("action=\"(/papers/not-interested\\?[^\"]+)\"")]
    private static partial Regex NotInterestedForm();

    [GeneratedRegex("<p class=\"reason\"><a href=\"[^\"]*\">([^<]+)</a></p>\\s*<article class=\"card\">.*?<h3><a href=\"/papers/([^\"]+)\">", RegexOptions.Singleline)]
    private static partial Regex RankedItem();
}
