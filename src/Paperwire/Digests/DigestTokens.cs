using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Paperwire.Core.Digests;

namespace Paperwire.Digests;

/// <summary>
/// The signed tokens in digest links (ASP.NET Core Data Protection, one purpose string per kind): bound to the
/// subscription's id and its <see cref="DigestSubscription.TokenStamp"/>, so rotating the stamp kills every earlier
/// link. Confirmation tokens carry their expiry inside the signed payload, read against the injected clock
/// (<c>ITimeLimitedDataProtector</c> reads the system clock, which tests cannot move); manage and unsubscribe
/// tokens never expire, because an unsubscribe link must work forever.
/// </summary>
public sealed class DigestTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    private readonly IDataProtector manage = provider.CreateProtector("Paperwire.Digests.Manage.v1");
    private readonly IDataProtector confirm = provider.CreateProtector("Paperwire.Digests.Confirm.v1");

    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string ForConfirmation(DigestSubscription subscription, TimeSpan lifetime) =>
        confirm.Protect(Payload(subscription) + "|" + (clock.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public string ForManaging(DigestSubscription subscription) => manage.Protect(Payload(subscription));

    /// <summary>The (id, stamp) of a confirmation token; null when forged, altered, expired or not a token.</summary>
    public (long Id, string Stamp)? ReadConfirmation(string? token)
    {
        var parts = Unprotect(confirm, token);
        return parts is [var id, var stamp, var expires]
            && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && clock.GetUtcNow().ToUnixTimeSeconds() <= seconds
            ? Subscription(id, stamp)
            : null;
    }

    /// <summary>The (id, stamp) of a manage/unsubscribe token; null when forged, altered or not a token.</summary>
    public (long Id, string Stamp)? ReadManaging(string? token) =>
        Unprotect(manage, token) is [var id, var stamp] ? Subscription(id, stamp) : null;

    private static string[]? Unprotect(IDataProtector protector, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token).Split('|');
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static (long Id, string Stamp)? Subscription(string id, string stamp) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? (value, stamp) : null;

    private static string Payload(DigestSubscription subscription) =>
        string.Create(CultureInfo.InvariantCulture, $"{subscription.Id}|{subscription.TokenStamp}");
}
