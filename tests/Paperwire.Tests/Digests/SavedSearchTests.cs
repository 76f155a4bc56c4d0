using Paperwire.Storage;
using Paperwire.Tests.SearchWeb;

namespace Paperwire.Tests.Digests;

/// <summary>A saved search narrows the digest to the period's papers the search module finds, in its order.</summary>
public class SavedSearchTests
{
    [Fact]
    public async Task A_saved_search_keeps_only_the_periods_papers_that_match_it()
    {
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(DatabaseProvider.Sqlite, sink);
        var papers = await app.AddPeriodPapersAsync(4);
        var quantum = PaperFactory.InFeed("2605.20001", DigestKit.Period, upvotes: 1, title: "Quantum error correction with surface codes");
        var old = PaperFactory.InFeed("2605.20002", DigestKit.Period.AddDays(-10), upvotes: 500, title: "Quantum annealing for scheduling");
        await app.AddPapersAsync(quantum, old);
        await SearchTestKit.UntilFoundAsync(app.Client, "quantum", old.Id);
        var reader = SmtpSink.NewAddress("physicist");
        await app.AddActiveSubscriberAsync(reader, s => s.SearchQuery = "quantum");

        await app.RunAsync();

        var digest = Assert.Single(await sink.WaitForAsync(reader));
        Assert.Contains("Quantum error correction with surface codes", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Quantum annealing", digest.TextBody, StringComparison.Ordinal); // matches, but not in the period
        Assert.DoesNotContain(papers[0].Title, digest.TextBody, StringComparison.Ordinal); // in the period, but no match
    }
}
