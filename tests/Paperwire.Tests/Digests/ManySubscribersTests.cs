using System.Diagnostics;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>A period for 10,000 subscribers, composed and delivered to the real SMTP server within CI time.</summary>
[Collection(SmtpLoad.Name)]
public class ManySubscribersTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Ten_thousand_subscribers_each_get_their_digest_in_ci_time(DatabaseProvider provider)
    {
        const int Subscribers = 10_000;
        var sink = SmtpSink.Require();
        await using var app = await DigestKit.StartAsync(provider, sink);
        await app.AddPeriodPapersAsync(10);
        var domain = SmtpSink.NewDomain("many");
        var readers = await app.AddActiveSubscribersAsync(domain, Subscribers);

        var clock = Stopwatch.StartNew();
        var summary = await app.RunAsync();
        var elapsed = clock.Elapsed;
        output.WriteLine($"{provider}: {Subscribers} digests in {elapsed.TotalSeconds:F1} s ({Subscribers / elapsed.TotalSeconds:F0}/s)");

        Assert.Equal(Subscribers, summary.Sent);
        // A minute or two on an idle machine; the bound leaves room for a CI box shared with other work.
        Assert.True(elapsed < TimeSpan.FromMinutes(3), $"10,000 digests took {elapsed}");
        var counts = sink.CountByRecipient(domain);
        Assert.Equal(Subscribers, counts.Count);
        Assert.DoesNotContain(counts, c => c.Value != 1);
        Assert.Equal(readers.Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
    }
}
