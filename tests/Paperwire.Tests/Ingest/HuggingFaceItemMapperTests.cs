using System.Text.Json;
using Paperwire.Cli;
using Paperwire.Core.Feed;
using Paperwire.Ingest.HuggingFace;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Tests.Ingest;

/// <summary>One Hugging Face daily-papers item at a time: what becomes of each field, and what is rejected why.</summary>
public class HuggingFaceItemMapperTests
{
    [Fact]
    public void Map_MinimalItem_IsAFeedEntryAtFeedMidnight()
    {
        var paper = Accepted("""{"paper": {"id": "2504.05299", "title": "SmolVLM"}, "publishedAt": "2025-04-08T00:00:00.000Z"}""");

        Assert.Equal("2504.05299", paper.Id);
        Assert.Equal("", paper.Summary);
        Assert.Empty(paper.Authors);
        Assert.Equal(0, paper.Upvotes);
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), paper.PublishedAt); // month of the id
        Assert.Equal(new DateOnly(2025, 4, 8), paper.FeedEntry!.FeedDate);
        Assert.Equal(new DateTimeOffset(2025, 4, 8, 0, 0, 0, TimeSpan.Zero), paper.FeedEntry.SubmittedAt);
        Assert.Null(paper.FeedEntry.SubmittedBy);
        Assert.Null(paper.Organization);
    }

    [Fact]
    public void Map_TitleAndSummaryOnlyAtTopLevel_AreUsed()
    {
        var paper = Accepted("""{"paper": {"id": "2504.05299"}, "title": " Top  level\ttitle ", "summary": "Top\nlevel", "publishedAt": "2025-04-08T00:00:00Z"}""");
        Assert.Equal(("Top level title", "Top level"), (paper.Title, paper.Summary));
    }

    [Fact]
    public void Map_NoTopLevelPublishedAt_UsesTheSubmissionDay()
    {
        var paper = Accepted("""{"paper": {"id": "2504.05299", "title": "x", "submittedOnDailyAt": "2025-04-08T22:10:00.000Z"}}""");
        Assert.Equal(new DateOnly(2025, 4, 8), paper.FeedEntry!.FeedDate);
        Assert.Equal(new DateTimeOffset(2025, 4, 8, 22, 10, 0, TimeSpan.Zero), paper.FeedEntry.SubmittedAt);
    }

    [Fact]
    public void Map_PaperwiresFeedDate_WinsOverTheDayOfPublishedAt()
    {
        // Another Paperwire lists a paper submitted at 23:30 UTC on 7 April under 8 April; the mirror must too.
        var paper = Accepted("""{"paper": {"id": "2504.05299", "title": "x", "submittedOnDailyAt": "2025-04-07T23:30:00.000Z"}, "publishedAt": "2025-04-07T23:30:00.000Z", "feedDate": "2025-04-08"}""");
        Assert.Equal(new DateOnly(2025, 4, 8), paper.FeedEntry!.FeedDate);
        Assert.Equal(new DateTimeOffset(2025, 4, 7, 23, 30, 0, TimeSpan.Zero), paper.FeedEntry.SubmittedAt);
    }

    [Fact]
    public void Map_SubmitterAndOrganizationOnlyInsideThePaper_AreUsed()
    {
        var paper = Accepted("""
            {"paper": {"id": "2504.05299", "title": "x", "submittedOnDailyBy": {"user": "andito", "fullname": "Andi"},
              "organization": {"name": "huggingface", "fullname": "  Hugging   Face "}}, "publishedAt": "2025-04-08T00:00:00Z"}
            """);
        Assert.Equal("andito", paper.FeedEntry!.SubmittedBy);
        Assert.Equal(("huggingface", "Hugging Face", null), (paper.Organization!.Name, paper.Organization.FullName, paper.Organization.AvatarUrl));
    }

    [Fact]
    public void Map_OrganizationWithoutFullName_UsesItsName()
    {
        var paper = Accepted("""{"paper": {"id": "2504.05299", "title": "x"}, "organization": {"name": "Zyphra"}, "publishedAt": "2025-04-08T00:00:00Z"}""");
        Assert.Equal("Zyphra", paper.Organization!.FullName);
    }

    [Fact]
    public void Map_InvalidNames_AreDroppedAndReported_ThePaperKept()
    {
        var dropped = new List<HfDroppedValue>();
        var paper = Accepted("""
            {"paper": {"id": "2504.05299", "title": "x", "organization": {"name": "bad org\u0000", "fullname": "Bad"}},
             "submittedBy": {"name": "../admin"}, "publishedAt": "2025-04-08T00:00:00Z"}
            """, dropped.Add);

        Assert.Null(paper.Organization);
        Assert.Null(paper.FeedEntry!.SubmittedBy);
        Assert.Equal(
            [new HfDroppedValue("item 1 (2504.05299)", "organization", "bad org\0"), new HfDroppedValue("item 1 (2504.05299)", "submitter", "../admin")],
            dropped);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.org/paper")]
    public void Map_LinksThatAreNotWebAddresses_AreDropped(string link)
    {
        var paper = Accepted($$$"""{"paper": {"id": "2504.05299", "title": "x", "githubRepo": "{{{link}}}", "projectPage": "{{{link}}}", "organization": {"name": "o", "avatar": "{{{link}}}"}}, "publishedAt": "2025-04-08T00:00:00Z"}""");
        Assert.Equal((null, null, null), (paper.GithubRepo, paper.ProjectPage, paper.Organization!.AvatarUrl));
    }

    [Fact]
    public void Map_NegativeStars_AreUnknown()
    {
        var paper = Accepted("""{"paper": {"id": "2504.05299", "title": "x", "githubStars": -1}, "publishedAt": "2025-04-08T00:00:00Z"}""");
        Assert.Null(paper.GithubStars);
    }

    [Theory]
    [InlineData("null", "item 1", "item is not a JSON object")]
    [InlineData("[1, 2]", "item 1", "item is not a JSON object")]
    [InlineData("""{"publishedAt": "2025-04-08T00:00:00Z"}""", "item 1", "no paper object")]
    [InlineData("""{"paper": {"title": "x"}, "publishedAt": "2025-04-08T00:00:00Z"}""", "item 1", "invalid paper id ''")]
    [InlineData("""{"paper": {"id": "2504.05299", "title": "   "}, "publishedAt": "2025-04-08T00:00:00Z"}""", "item 1 (2504.05299)", "title is empty")]
    [InlineData("""{"paper": {"id": "2504.05299", "title": "x", "upvotes": -3}, "publishedAt": "2025-04-08T00:00:00Z"}""", "item 1 (2504.05299)", "upvotes is negative")]
    [InlineData("""{"paper": {"id": "2504.05299", "title": "x"}, "publishedAt": "yesterday"}""", "item 1 (2504.05299)", "a timestamp (publishedAt or submittedOnDailyAt) is not ISO 8601")]
    [InlineData("""{"paper": {"id": "2504.05299", "title": "x"}}""", "item 1 (2504.05299)", "no feed date (top-level publishedAt)")]
    [InlineData("""{"paper": {"id": "2504.05299", "title": "x"}, "publishedAt": "2025-04-08T00:00:00Z", "feedDate": "8 April"}""", "item 1 (2504.05299)", "feedDate '8 April' is not YYYY-MM-DD")]
    [InlineData("""{"paper": {"id": "2504.05299v3", "title": "x", "authors": {"name": "a"}}}""", "item 1 (2504.05299)", "malformed item: $.paper.authors has the wrong type")]
    public void Map_MalformedItems_AreRejectedWithAReason(string json, string where, string reason)
    {
        var record = Map(json);
        Assert.Null(record.Paper);
        Assert.Equal(new RejectedRecord(where, reason), record.Rejected);
    }

    [Fact]
    public void Map_IdNotValidUtf8_IsRejected_NotThrown()
    {
        // The shape bench/fuzz.sh found (hf): 0xDF starts a two-byte character that 'a' cannot continue. The JSON
        // reader lets it pass until the id is read as a string; naming the item by its id then threw.
        byte[] json = [.. "{\"paper\": {\"id\": \"2504"u8, 0xDF, .. "a05299\", \"upvotes\": \"many\"}, \"publishedAt\": \"2025-04-08T00:00:00Z\"}"u8];
        using var document = JsonDocument.Parse(json);

        var record = HfItemMapper.Map(document.RootElement, "item 1");

        Assert.Equal(new RejectedRecord("item 1", "malformed item: $.paper.id is not valid UTF-8"), record.Rejected);
    }

    [Fact]
    public void Map_TooLongTitle_IsRejected()
    {
        var record = Map($$"""{"paper": {"id": "2504.05299", "title": "{{new string('x', 1001)}}"}, "publishedAt": "2025-04-08T00:00:00Z"}""");
        Assert.Equal("title longer than 1,000 characters", record.Rejected!.Reason);
    }

    [Theory]
    [InlineData("https://huggingface.co", null, 100, "https://huggingface.co/api/daily_papers?limit=100")]
    [InlineData("https://mirror.example/paperwire/", "2025-04-07", 50, "https://mirror.example/paperwire/api/daily_papers?date=2025-04-07&limit=50")]
    [InlineData("http://127.0.0.1:5080/api/daily_papers", "2025-W15", 100, "http://127.0.0.1:5080/api/daily_papers?week=2025-W15&limit=100")]
    [InlineData("https://huggingface.co/", "2025-04", 100, "https://huggingface.co/api/daily_papers?month=2025-04&limit=100")]
    public void FirstPage_AsksTheDailyPapersEndpoint_ForTheWindow(string baseAddress, string? window, int pageSize, string expected)
    {
        FeedWindow? parsed = window is null ? null
            : FeedWindow.TryParseDay(window, out var day) ? day
            : FeedWindow.TryParseWeek(window, out var week) ? week
            : FeedWindow.TryParseMonth(window, out var month) ? month : null;
        Assert.Equal(expected, HfFeedClient.FirstPage(new Uri(baseAddress), parsed, pageSize).ToString());
    }

    [Theory]
    [InlineData(null, null, null, true, null)]
    [InlineData("2025-04-07", null, null, true, "2025-04-07")]
    [InlineData(null, "2025-W15", null, true, "2025-W15")]
    [InlineData(null, null, "2025-04", true, "2025-04")]
    [InlineData("2025-02-30", null, null, false, "--date: '2025-02-30' is not a date as YYYY-MM-DD, e.g. 2025-04-07.")]
    [InlineData(null, "2025-W54", null, false, "--week: '2025-W54' is not an ISO week as YYYY-Www, e.g. 2025-W15.")]
    [InlineData(null, null, "2025-4", false, "--month: '2025-4' is not a month as YYYY-MM, e.g. 2025-04.")]
    [InlineData("2025-04-07", null, "2025-04", false, "give at most one of --date, --week and --month.")]
    public void TryParseWindow_AcceptsOneWindowInTheApiFormat(string? date, string? week, string? month, bool ok, string? expected)
    {
        Assert.Equal(ok, ImportHfCommand.TryParseWindow(date, week, month, out var window, out var problem));
        Assert.Equal(expected, ok ? window?.Key : problem);
    }

    private static ParsedRecord Map(string json, Action<HfDroppedValue>? warn = null)
    {
        using var document = JsonDocument.Parse(json);
        return HfItemMapper.Map(document.RootElement.Clone(), "item 1", warn);
    }

    private static Paperwire.Core.Papers.Paper Accepted(string json, Action<HfDroppedValue>? warn = null)
    {
        var record = Map(json, warn);
        Assert.Null(record.Rejected);
        return record.Paper!;
    }
}
