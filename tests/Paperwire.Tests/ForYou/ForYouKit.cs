using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Tests.Community.Votes;

namespace Paperwire.Tests.ForYou;

/// <summary>A reader with a personal API token, and the For-you API as that reader sees it.</summary>
internal sealed class Reader(TestApp app, string userId, string secret)
{
    public string UserId { get; } = userId;

    public static async Task<Reader> CreateAsync(TestApp app, string name)
    {
        var userId = await CommunityClient.CreateUserAsync(app, name);
        return new Reader(app, userId, await CommunityClient.CreateTokenAsync(app, userId));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string url, object? json = null, string? rawJson = null)
    {
        using var request = CommunityClient.WithToken(method, url, secret);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }
        else if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await app.Client.SendAsync(request, Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>Sends and insists on <paramref name="expected"/>, showing the body when it differs.</summary>
    public async Task<string> ExpectAsync(HttpStatusCode expected, HttpMethod method, string url, object? json = null)
    {
        var (status, body) = await SendAsync(method, url, json);
        Assert.True(status == expected, $"{method} {url} answered {(int)status}, not {(int)expected}: {body}");
        return body;
    }

    /// <summary>The ranking as (paper id, reason text, reason paper id), best first.</summary>
    public async Task<List<(string Id, string Reason, string? ReasonPaper)>> RecommendationsAsync(string query = "")
    {
        using var document = JsonDocument.Parse(await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/recommendations?" + query));
        return [.. document.RootElement.EnumerateArray().Select(item =>
        {
            var reason = item.GetProperty("reason");
            var paperId = reason.GetProperty("paperId");
            return (item.GetProperty("paper").GetProperty("id").GetString()!, reason.GetProperty("text").GetString()!,
                paperId.ValueKind == JsonValueKind.Null ? null : paperId.GetString());
        })];
    }

    public Task<long> VersionAsync() =>
        app.QueryAsync(db => db.ReaderProfiles.Where(p => p.UserId == UserId).Select(p => p.SignalsVersion).FirstOrDefaultAsync(Cancel));
}
