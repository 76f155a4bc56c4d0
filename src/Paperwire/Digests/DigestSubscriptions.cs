using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using Paperwire.Accounts;
using Paperwire.Core.Digests;
using Paperwire.Storage;

namespace Paperwire.Digests;

public enum LinkOutcome
{
    /// <summary>Forged, altered, expired, or signed for an earlier subscription of the address.</summary>
    Invalid,
    Done,
    AlreadyDone,
}

/// <summary>
/// Subscribing (double opt-in), confirming, unsubscribing. Every answer to the public form is the same, so it never
/// tells a stranger whether an address is subscribed; at most one mail per address per
/// <see cref="DigestOptions.ConfirmationInterval"/>, however often the form is sent, from however many IPs.
/// </summary>
public sealed class DigestSubscriptions(
    PaperwireDbContext db, DigestTokens tokens, DigestComposer composer, OutgoingMail mail, IOptions<DigestOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Asks for a subscription; false only when <paramref name="input"/> is not a usable address. Throws
    /// <see cref="SmtpUnavailableException"/> when the mail server cannot be used (the request can be repeated at once).
    /// </summary>
    public async Task<bool> RequestAsync(string? input, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(input, out var address, out var normalized))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var subscription = await db.DigestSubscriptions.SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        if (subscription is null)
        {
            subscription = new DigestSubscription { Email = address, NormalizedEmail = normalized, TokenStamp = DigestTokens.NewStamp(), CreatedAt = now };
            db.DigestSubscriptions.Add(subscription);
        }
        else if (subscription.ConfirmationSentAt + options.Value.ConfirmationInterval > now)
        {
            return true; // mailed a moment ago: the same answer, no second mail
        }
        else if (subscription.Status is SubscriptionStatus.Unsubscribed)
        {
            subscription.Status = SubscriptionStatus.Pending;
        }

        subscription.ConfirmationSentAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return true; // the same address from another request at the same moment: that one mails
        }

        try
        {
            await mail.SendAsync(subscription.Status == SubscriptionStatus.Active ? AlreadySubscribed(subscription) : composer.ComposeConfirmation(subscription), cancellationToken);
        }
        catch (SmtpUnavailableException)
        {
            // Nothing was mailed: do not hold the address to the once-per-interval limit for a mail that never left.
            subscription.ConfirmationSentAt = null;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        return true;
    }

    /// <summary>Subscribes an account holder's confirmed address at once (the account proved it), linked to the account for personal picks.</summary>
    public async Task<DigestSubscription> SubscribeAccountAsync(string userId, string confirmedEmail, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(confirmedEmail, out var address, out var normalized))
        {
            throw new InvalidOperationException("The account's address cannot receive mail.");
        }

        var now = clock.GetUtcNow();
        var subscription = await db.DigestSubscriptions.SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        if (subscription is null)
        {
            subscription = new DigestSubscription { Email = address, NormalizedEmail = normalized, TokenStamp = DigestTokens.NewStamp(), CreatedAt = now };
            db.DigestSubscriptions.Add(subscription);
        }

        subscription.UserId = userId;
        if (subscription.Status != SubscriptionStatus.Active)
        {
            subscription.Status = SubscriptionStatus.Active;
            subscription.ConfirmedAt = now;
            subscription.ConsecutiveFailures = 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        return subscription;
    }

    public Task<DigestSubscription?> ForAccountAsync(string userId, CancellationToken cancellationToken) =>
        db.DigestSubscriptions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Whether a confirmation link is signed, unexpired and for the address's current subscription.</summary>
    public async Task<bool> IsCurrentConfirmationAsync(string? token, CancellationToken cancellationToken) =>
        tokens.ReadConfirmation(token) is var (id, stamp) && await db.DigestSubscriptions.AnyAsync(s => s.Id == id && s.TokenStamp == stamp, cancellationToken);

    public async Task<LinkOutcome> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadConfirmation(token) is not var (id, stamp)
            || await db.DigestSubscriptions.SingleOrDefaultAsync(s => s.Id == id && s.TokenStamp == stamp, cancellationToken) is not { } subscription)
        {
            return LinkOutcome.Invalid;
        }

        if (subscription.Status == SubscriptionStatus.Active)
        {
            return LinkOutcome.AlreadyDone;
        }

        subscription.Status = SubscriptionStatus.Active;
        subscription.ConfirmedAt = clock.GetUtcNow();
        subscription.ConsecutiveFailures = 0;
        await db.SaveChangesAsync(cancellationToken);
        return LinkOutcome.Done;
    }

    /// <summary>The subscription a manage/unsubscribe token is for, if it is still the current one.</summary>
    public async Task<DigestSubscription?> FindAsync(string? token, CancellationToken cancellationToken) =>
        tokens.ReadManaging(token) is var (id, stamp)
            ? await db.DigestSubscriptions.SingleOrDefaultAsync(s => s.Id == id && s.TokenStamp == stamp, cancellationToken)
            : null;

    /// <summary>
    /// Unsubscribes at once. Idempotent: the same link again (the stamp has rotated since) or after the subscription
    /// was removed answers "already done". Pending digests of the subscription are dropped in the same transaction.
    /// </summary>
    public async Task<LinkOutcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.ReadManaging(token) is not var (id, stamp))
        {
            return LinkOutcome.Invalid;
        }

        var subscription = await db.DigestSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null || subscription.Status == SubscriptionStatus.Unsubscribed)
        {
            return LinkOutcome.AlreadyDone;
        }

        if (subscription.TokenStamp != stamp)
        {
            return LinkOutcome.Invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        subscription.Status = SubscriptionStatus.Unsubscribed;
        subscription.UnsubscribedAt = clock.GetUtcNow();
        subscription.TokenStamp = DigestTokens.NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        await db.DigestDeliveries.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, DeliveryStatus.Skipped), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return LinkOutcome.Done;
    }

    /// <summary>
    /// Forgets requests that were never confirmed and whose confirmation link has expired: an address someone typed
    /// and nobody confirmed is not kept. Addresses that were confirmed once keep their row (and its history).
    /// </summary>
    public Task<int> RemoveExpiredRequestsAsync(CancellationToken cancellationToken)
    {
        var expiredBefore = clock.GetUtcNow() - options.Value.ConfirmationLifetime;
        return db.DigestSubscriptions
            .Where(s => s.Status == SubscriptionStatus.Pending && s.ConfirmedAt == null && s.UserId == null
                && (s.ConfirmationSentAt ?? s.CreatedAt) < expiredBefore)
            .ExecuteDeleteAsync(cancellationToken);
    }

    public Task SaveAsync(DigestSubscription subscription, CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public string ManageToken(DigestSubscription subscription) => tokens.ForManaging(subscription);

    private MimeMessage AlreadySubscribed(DigestSubscription subscription)
    {
        var manage = new Uri(options.Value.PublicBaseUrl, "digest/manage?token=" + Uri.EscapeDataString(tokens.ForManaging(subscription)));
        var message = new MimeMessage { Subject = "You already get Paperwire's digest", Date = clock.GetUtcNow() };
        message.From.Add(composer.From);
        message.To.Add(new MailboxAddress("", subscription.Email));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart(TextFormat.Plain)
        {
            Text = $"""
                Someone (probably you) asked for Paperwire's digest at this address, which already gets it.
                Change what you get, or unsubscribe, here:
                {manage}
                """,
        };
        return message;
    }
}
