using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Paperwire.Core.Digests;
using Paperwire.Core.Papers;
using Paperwire.Digests;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>What a reader and an operator do with the digest, in the words of the tests.</summary>
internal static partial class DigestKit
{
    /// <summary>The demo corpus' latest feed day (a Thursday): the period the tests send.</summary>
    public static readonly DateOnly Period = new(2026, 5, 28);

    public const string ConfirmationSubject = "Confirm your Paperwire digest";

    public static Task<TestApp> StartAsync(DatabaseProvider provider, SmtpSink sink, IReadOnlyDictionary<string, string?>? extra = null, bool embeddings = false)
    {
        var settings = sink.Settings();
        settings["Paperwire:PublicBaseUrl"] = "https://papers.example.org";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestApp.StartAsync(provider, embeddings: embeddings, settings: settings);
    }

    /// <summary>Puts <paramref name="count"/> papers into the period's feed (ids 2605.1xxxx, upvotes descending with the number).</summary>
    public static async Task<IReadOnlyList<Paper>> AddPeriodPapersAsync(this TestApp app, int count = 12, int first = 0, string? category = null, Organization? organization = null, DateOnly? day = null)
    {
        var papers = Enumerable.Range(first, count).Select(i =>
        {
            var paper = PaperFactory.InFeed($"2605.{10000 + i}", day ?? Period, upvotes: 100 - i, title: $"Digest paper {i}", organization: organization, authors: ["Ada Lovelace", "Alan Turing"]);
            paper.Categories = [category ?? "cs.CL"];
            return paper;
        }).ToArray();
        await app.AddPapersAsync(papers);
        return papers;
    }

    /// <summary>A confirmed subscriber written straight to the database (for tests about sending, not subscribing).</summary>
    public static async Task<DigestSubscription> AddActiveSubscriberAsync(this TestApp app, string address, Action<DigestSubscription>? configure = null)
    {
        var subscription = new DigestSubscription
        {
            Email = address,
            NormalizedEmail = address.ToLowerInvariant(),
            TokenStamp = DigestTokens.NewStamp(),
            Status = SubscriptionStatus.Active,
            CreatedAt = TestApp.Now,
            ConfirmedAt = TestApp.Now,
        };
        configure?.Invoke(subscription);
        await app.QueryAsync(async db =>
        {
            db.DigestSubscriptions.Add(subscription);
            return await db.SaveChangesAsync();
        });
        return subscription;
    }

    /// <summary><paramref name="count"/> confirmed subscribers at <paramref name="domain"/> (r0@…, r1@…), written in one go.</summary>
    public static async Task<IReadOnlyList<string>> AddActiveSubscribersAsync(this TestApp app, string domain, int count)
    {
        var addresses = Enumerable.Range(0, count).Select(i => $"r{i}@{domain}").ToList();
        await app.QueryAsync(async db =>
        {
            db.DigestSubscriptions.AddRange(addresses.Select(a => new DigestSubscription
            {
                Email = a,
                NormalizedEmail = a,
                TokenStamp = DigestTokens.NewStamp(),
                Status = SubscriptionStatus.Active,
                CreatedAt = TestApp.Now,
                ConfirmedAt = TestApp.Now,
            }));
            return await db.SaveChangesAsync();
        });
        return addresses;
    }

    /// <summary>Retries whose backoff has passed, as the schedule runs them between daily runs.</summary>
    public static async Task<SendSummary> RetryAsync(this TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestRun>().RetryDueAsync(TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("the digests lease was held");
    }

    /// <summary>Types <paramref name="address"/> into the footer form and sends the subscribe page's form.</summary>
    public static async Task<WebPage> SubscribeAsync(this BrowserSession browser, string address)
    {
        var page = await browser.GetAsync("/digest/subscribe?email=" + Uri.EscapeDataString(address));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await browser.SubmitAsync(page, new Dictionary<string, string> { ["Email"] = address });
    }

    /// <summary>Follows the confirmation link in <paramref name="message"/> and presses its button.</summary>
    public static async Task<WebPage> ConfirmAsync(this BrowserSession browser, MimeMessage message)
    {
        var link = Link(message.TextBody, "/digest/confirm");
        var page = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await browser.SubmitAsync(page, new Dictionary<string, string>());
    }

    /// <summary>Subscribes and confirms through the forms and the real mail; returns the confirmation message.</summary>
    public static async Task<MimeMessage> SubscribeConfirmedAsync(TestApp app, SmtpSink sink, string address)
    {
        using var browser = new BrowserSession(app);
        await browser.SubscribeAsync(address);
        var confirmation = Assert.Single(await sink.WaitForAsync(address));
        var confirmed = await browser.ConfirmAsync(confirmation);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        return confirmation;
    }

    /// <summary>The digest run an operator (or the schedule) starts for <paramref name="day"/>.</summary>
    public static async Task<SendSummary> RunAsync(this TestApp app, DateOnly? day = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestRun>().RunAsync(day ?? Period, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("the digests lease was held");
    }

    public static Task<DigestSubscription?> SubscriptionAsync(this TestApp app, string address)
    {
        var normalized = address.ToLowerInvariant();
        return app.QueryAsync(db => db.DigestSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.NormalizedEmail == normalized));
    }

    public static Task<List<DigestDelivery>> DeliveriesAsync(this TestApp app, string address)
    {
        var normalized = address.ToLowerInvariant();
        return app.QueryAsync(db => db.DigestDeliveries.AsNoTracking()
            .Where(d => db.DigestSubscriptions.Any(s => s.Id == d.SubscriptionId && s.NormalizedEmail == normalized))
            .ToListAsync());
    }

    /// <summary>The one link in <paramref name="text"/> to <paramref name="path"/>.</summary>
    public static Uri Link(string? text, string path) =>
        new(Assert.Single(Links().Matches(text ?? ""), m => new Uri(m.Value).AbsolutePath == path).Value);

    /// <summary>The https address in a List-Unsubscribe header.</summary>
    public static Uri UnsubscribeUrl(MimeMessage message) =>
        new(Regex.Match(message.Headers["List-Unsubscribe"] ?? "", "<(https://[^>]+)>").Groups[1].Value);

    /// <summary>The address and subject of the mailto: in a List-Unsubscribe header.</summary>
    public static (string Address, string Subject) UnsubscribeMailto(MimeMessage message)
    {
        var mailto = Regex.Match(message.Headers["List-Unsubscribe"] ?? "", "<mailto:([^?>]+)\\?subject=([^>]+)>");
        Assert.True(mailto.Success, "no mailto: in List-Unsubscribe");
        return (mailto.Groups[1].Value, Uri.UnescapeDataString(mailto.Groups[2].Value));
    }

    /// <summary>The titles of a digest's papers, in the order the mail lists them.</summary>
    public static List<string> Titles(MimeMessage digest) =>
        [.. NumberedTitles().Matches(digest.TextBody ?? "").Select(m => m.Groups[1].Value.Trim())];

    [GeneratedRegex(@"^\d+\. (.+)$", RegexOptions.Multiline)]
    private static partial Regex NumberedTitles();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}
