using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Ingest.Arxiv;
using Paperwire.Storage;

namespace Paperwire.Tests.Links;

/// <summary>What a reader sees of a paper's code, model and project links, and how stored papers get them.</summary>
public class CodeLinksPageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_paper_page_card_markdown_and_api_show_the_code_hugging_face_and_project_links()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var paper = PaperFactory.InFeed("2605.00010", new(2026, 5, 29), title: "Linked everywhere");
        paper.GithubRepo = "https://github.com/acme/tool";
        paper.GithubStars = 15321;
        paper.GitlabRepo = "https://gitlab.com/inria/sub/tool";
        paper.HuggingFaceLinks = ["https://huggingface.co/acme/tool-7b", "https://huggingface.co/datasets/acme/bench"];
        paper.ProjectPage = "https://acme.github.io/tool/";
        await app.AddPapersAsync(paper);

        var html = WebUtility.HtmlDecode(await app.Client.GetStringAsync("/papers/2605.00010", Cancel));

        Assert.Contains("href=\"https://github.com/acme/tool\" rel=\"noopener\">Code<span class=\"visually-hidden\"> on GitHub: acme/tool</span>", html, StringComparison.Ordinal);
        Assert.Contains("15k<span class=\"visually-hidden\"> stars</span>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://gitlab.com/inria/sub/tool\" rel=\"noopener\">Code<span class=\"visually-hidden\"> on GitLab: inria/sub/tool</span>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://huggingface.co/acme/tool-7b\" rel=\"noopener\">Hugging Face<span class=\"visually-hidden\"> model: acme/tool-7b</span>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://huggingface.co/datasets/acme/bench\" rel=\"noopener\">Hugging Face<span class=\"visually-hidden\"> dataset: acme/bench</span>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://acme.github.io/tool/\" rel=\"noopener\">Project page</a>", html, StringComparison.Ordinal);

        var day = WebUtility.HtmlDecode(await app.Client.GetStringAsync("/papers/date/2026-05-29", Cancel));
        Assert.Contains("<a href=\"https://github.com/acme/tool\" rel=\"noopener\">Code<span class=\"visually-hidden\"> for Linked everywhere</span></a>", day, StringComparison.Ordinal);

        var markdown = await app.Client.GetStringAsync("/papers/2605.00010.md", Cancel);
        Assert.Contains("[Code](https://github.com/acme/tool) · [Code (GitLab)](https://gitlab.com/inria/sub/tool) · [Hugging Face model](https://huggingface.co/acme/tool-7b) · [Hugging Face dataset](https://huggingface.co/datasets/acme/bench) · [Project page](https://acme.github.io/tool/)", markdown, StringComparison.Ordinal);

        var api = await app.Client.GetFromJsonAsync<JsonElement>("/api/papers/2605.00010", Cancel);
        Assert.Equal(("https://github.com/acme/tool", 15321, "https://acme.github.io/tool/"),
            (api.GetProperty("githubRepo").GetString(), api.GetProperty("githubStars").GetInt32(), api.GetProperty("projectPage").GetString()));
    }

    [Fact]
    public async Task A_paper_without_links_shows_none_and_the_api_gives_nulls()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00011", new(2026, 5, 29), title: "Nothing linked"));

        var html = await app.Client.GetStringAsync("/papers/2605.00011", Cancel);
        var api = await app.Client.GetFromJsonAsync<JsonElement>("/api/papers/2605.00011", Cancel);

        Assert.DoesNotContain("code-link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("card-code", html, StringComparison.Ordinal);
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null),
            (api.GetProperty("githubRepo").ValueKind, api.GetProperty("githubStars").ValueKind, api.GetProperty("projectPage").ValueKind));
    }

    [Fact]
    public async Task The_demo_corpus_gets_the_code_links_its_abstracts_mention()
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();

        var quartet = await db.Papers.AsNoTracking().SingleAsync(p => p.Title.StartsWith("Quartet: Native FP4"), Cancel);

        Assert.Equal("https://github.com/IST-DASLab/Quartet", quartet.GithubRepo);
        Assert.True(await db.Papers.CountAsync(p => p.GithubRepo != null, Cancel) >= 8);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Papers_stored_before_the_links_were_found_get_them_once_and_what_a_source_gave_is_kept(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await using (var startup = app.Services.CreateAsyncScope())
        {
            // The start's own pass (of the empty catalog) is over before the papers below are stored.
            await UntilStartupBackfillDoneAsync(startup.ServiceProvider.GetRequiredService<PaperwireDbContext>());
        }

        var plain = Stored("2605.00020", "Code: \\url{https://github.com/acme/tool/tree/main}. Weights on https://huggingface.co/acme/tool-7b.", "Project page https://acme.github.io/tool/ and https://gitlab.com/acme/mirror");
        var fromHf = Stored("2605.00021", "Code at https://github.com/acme/other.", null);
        fromHf.GithubRepo = "https://github.com/hf-says/this-one";
        var oldJunk = Stored("2605.00022", "See https://github.com/orgs/acme/repositories and https://github.com/acme/real.", null);
        oldJunk.GithubRepo = "https://github.com/orgs/acme";
        await app.AddPapersAsync(plain, fromHf, oldJunk);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        // As a catalog from before this version: no links found, no backfill done.
        await db.Papers.ExecuteUpdateAsync(p => p.SetProperty(x => x.HuggingFaceLinks, new List<string>()).SetProperty(x => x.GitlabRepo, (string?)null).SetProperty(x => x.ProjectPage, (string?)null), Cancel);
        await db.Papers.Where(p => p.Id == "2605.00020").ExecuteUpdateAsync(p => p.SetProperty(x => x.GithubRepo, (string?)null), Cancel);
        await db.HarvestCheckpoints.Where(c => c.Key == CodeLinksBackfill.CheckpointKey).ExecuteDeleteAsync(Cancel);

        var backfill = scope.ServiceProvider.GetRequiredService<CodeLinksBackfill>();
        Assert.Equal(2, await backfill.RunAsync(Cancel)); // the paper whose repository a source gave has nothing new
        Assert.Null(await backfill.RunAsync(Cancel)); // once

        var papers = await db.Papers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(Cancel);
        Assert.Equal(
            ("https://github.com/acme/tool", "https://gitlab.com/acme/mirror", "https://acme.github.io/tool/"),
            (papers[0].GithubRepo, papers[0].GitlabRepo, papers[0].ProjectPage));
        Assert.Equal(["https://huggingface.co/acme/tool-7b"], papers[0].HuggingFaceLinks);
        Assert.Equal("https://github.com/hf-says/this-one", papers[1].GithubRepo);
        Assert.Equal("https://github.com/acme/real", papers[2].GithubRepo);

        // Idempotent: run again from scratch, nothing changes.
        await db.HarvestCheckpoints.Where(c => c.Key == CodeLinksBackfill.CheckpointKey).ExecuteDeleteAsync(Cancel);
        Assert.Equal(0, await backfill.RunAsync(Cancel));
        await app.UntilCacheCaughtUpAsync();
        Assert.Contains("Hugging Face<span class=\"visually-hidden\"> model: acme/tool-7b</span>", await app.Client.GetStringAsync("/papers/2605.00020", Cancel), StringComparison.Ordinal);
    }

    /// <summary>The start's own backfill (of an empty catalog) has recorded itself; the bound only turns a hang into a failure.</summary>
    private static async Task UntilStartupBackfillDoneAsync(PaperwireDbContext db)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await db.HarvestCheckpoints.AnyAsync(c => c.Key == CodeLinksBackfill.CheckpointKey && c.Completed, Cancel))
        {
            Assert.True(DateTime.UtcNow < deadline, "The startup backfill did not finish.");
            await Task.Delay(20, Cancel);
        }
    }

    private static Paper Stored(string id, string summary, string? comments)
    {
        var paper = PaperFactory.InCatalog(id, new(2026, 5, 1), title: "Stored " + id);
        paper.Summary = summary;
        paper.Comments = comments;
        return paper;
    }
}
