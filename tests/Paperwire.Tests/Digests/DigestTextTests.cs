using Paperwire.Core.Digests;
using Paperwire.Core.Papers;
using Paperwire.Digests;

namespace Paperwire.Tests.Digests;

/// <summary>How a paper reads in the digest: escaped HTML, a byline with organization and upvotes, about two lines of abstract.</summary>
public class DigestTextTests
{
    private static readonly DigestLinks Links = new(new Uri("https://papers.example.org"), "token");

    [Fact]
    public void Html_escapes_everything_a_paper_brings_and_loads_nothing_remote()
    {
        var paper = Paper("<script>alert(1)</script> & friends", "Uses <img src=x onerror=alert(1)> in the abstract.");

        var html = DigestText.Html(new DigestPeriod(new DateOnly(2026, 11, 26), DigestFrequency.Daily), new DigestSelection([paper], null), Links);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends", html, StringComparison.Ordinal);
        Assert.Contains("Trending papers — Thu 26 Nov 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_reads_in_light_and_dark_clients_with_inline_styles_and_no_fetches()
    {
        var html = DigestText.Html(new DigestPeriod(new DateOnly(2026, 11, 26), DigestFrequency.Daily), new DigestSelection([Paper("T", "S")], "a note"), Links);

        // The client picks the scheme; with no background colour set anywhere, its own background shows through.
        Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("background", html, StringComparison.OrdinalIgnoreCase);
        // Many clients drop <style> blocks and external sheets: styles are inline.
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("style=\"", html, StringComparison.Ordinal);
        // Nothing is loaded when the mail is opened (no pixels, no remote images or fonts).
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Summary_is_cut_at_a_word_after_about_two_lines()
    {
        var paper = Paper("Long", string.Join(' ', Enumerable.Repeat("transformers", 60)));

        var summary = DigestText.Summary(paper);

        Assert.InRange(summary.Length, 150, 221);
        Assert.EndsWith("transformers…", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(219)]
    [InlineData(220)]
    [InlineData(221)]
    [InlineData(222)]
    [InlineData(1500)]
    public void Summary_is_the_start_of_the_abstract_on_one_line_whatever_its_white_space(int length)
    {
        var random = new Random(length);
        string[] gaps = [" ", "  ", "\n", "\t ", " \r\n  "];
        var words = new System.Text.StringBuilder("\n  ");
        while (words.Length < length)
        {
            words.Append(new string('a', random.Next(1, 12))).Append(gaps[random.Next(gaps.Length)]);
        }

        var abstractText = words.ToString();
        var whole = string.Join(' ', abstractText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var expected = whole.Length <= 220 ? whole
            : whole[..(whole.LastIndexOf(' ', 220) > 110 ? whole.LastIndexOf(' ', 220) : 220)].TrimEnd(',', ';', ':', '.', ' ') + "…";

        Assert.Equal(expected, DigestText.Summary(Paper("Long", abstractText)));
    }

    [Fact]
    public void Byline_names_authors_organization_and_upvotes()
    {
        var paper = Paper("T", "S");
        paper.Authors = [new PaperAuthor { Name = "Ada Lovelace" }, new PaperAuthor { Name = "Alan Turing" }];
        paper.OrganizationName = "acme";
        paper.Upvotes = 42;

        Assert.Equal("Ada Lovelace and Alan Turing · acme · 42 upvotes", DigestText.Byline(paper));
    }

    [Fact]
    public void Weekly_subject_names_the_first_day_of_the_week()
    {
        Assert.Equal("Trending papers — week of Fri 20 Nov 2026", new DigestPeriod(new DateOnly(2026, 11, 26), DigestFrequency.Weekly).Subject);
    }

    private static Paper Paper(string title, string summary) => new() { Id = "2611.00001", Title = title, Summary = summary };
}
