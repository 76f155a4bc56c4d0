using System.Net;
using System.Text.RegularExpressions;
using Paperwire.Tests.Community.Collections;

namespace Paperwire.Tests.Web;

/// <summary>
/// The pages' furniture: the paper page's upvote box beside its title, one primary button per form, and the
/// collection forms with a label above each field.
/// </summary>
public partial class PageChromeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_paper_page_has_its_upvote_beside_the_title_and_nowhere_else()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00321", new(2026, 5, 20), upvotes: 4, title: "Votes by the title"));

        var html = await app.Client.GetStringAsync("/papers/2605.00321", Cancel);

        var head = PaperTitle().Match(html);
        Assert.True(head.Success, "no upvote box followed by the title in .paper-title");
        Assert.Contains("aria-label=\"Sign in to upvote Votes by the title, 4 upvotes\"", head.Value, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "class=\"votes"));
    }

    [Theory]
    [InlineData("/account/signin", "Sign in")]
    [InlineData("/account/signup", "Create account")]
    [InlineData("/account/forgot-password", "Send a reset link")]
    [InlineData("/digest/subscribe", "Send me the confirmation link")]
    [InlineData("/search?q=vision", "Search")]
    public async Task A_forms_main_action_is_the_pages_one_primary_button(string path, string label)
    {
        await using var app = await TestApp.StartAsync(demo: false);

        var html = await app.Client.GetStringAsync(path, Cancel);

        Assert.Equal([label], PrimaryButton().Matches(html).Select(m => m.Groups["label"].Value));
        // The footer's subscribe button is styled too, as a secondary one.
        Assert.Contains("<button type=\"submit\" class=\"button\">Subscribe</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_collection_forms_label_every_field_above_it()
    {
        await using var app = await CommunityApp.StartAsync(Paperwire.Storage.DatabaseProvider.Sqlite);
        var ada = await TestUser.CreateAsync(app, "ada");
        using var created = await ada.SendAsync(HttpMethod.Post, "/api/collections", new { name = "To read", @public = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var browser = await ada.SignInAsync();

        var mine = await browser.GetStringAsync("/collections/mine");
        var form = NewCollectionForm().Match(mine).Value;
        Assert.Contains("<label for=\"name\">Name</label>", form, StringComparison.Ordinal);
        Assert.Contains("<label for=\"description\">Description <span class=\"optional\">(optional)</span></label>", form, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" class=\"button button-primary\">Create collection</button>", form, StringComparison.Ordinal);

        var paper = await browser.GetStringAsync("/papers/2605.00001");
        var add = AddToCollectionForm().Match(paper).Value;
        Assert.Contains("<label for=\"add-collection\">Add to collection</label>", add, StringComparison.Ordinal);
        Assert.Contains("<select id=\"add-collection\" name=\"collection\">", add, StringComparison.Ordinal);
        Assert.Contains("<label for=\"add-note\">Note <span class=\"optional\">(optional)</span></label>", add, StringComparison.Ordinal);
        Assert.Contains("<input id=\"add-note\" type=\"text\" name=\"note\"", add, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<div class="paper-title">\s*<div class="votes">[\s\S]*?</div>\s*<h1>Votes by the title</h1>\s*</div>""")]
    private static partial Regex PaperTitle();

    [GeneratedRegex("""<button type="submit" class="button button-primary">(?<label>[^<]+)</button>""")]
    private static partial Regex PrimaryButton();

    [GeneratedRegex("""<form method="post" class="form-stack new-collection"[\s\S]*?</form>""")]
    private static partial Regex NewCollectionForm();

    [GeneratedRegex("""<form class="add-to-collection form-row"[\s\S]*?</form>""")]
    private static partial Regex AddToCollectionForm();
}
