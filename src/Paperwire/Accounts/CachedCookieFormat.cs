using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Paperwire.Accounts;

/// <summary>
/// The sign-in cookie's format with its decryptions remembered. The cookie holds only a session key
/// (<see cref="SessionStore"/> keeps the ticket), yet reading it is a Data Protection decryption with a key
/// derivation and a MAC: the largest single cost of a signed-in page served from a template. The same cookie text
/// always decrypts to the same key, so a cookie seen recently is not decrypted again; whether its session still
/// holds is asked of the store on every request, as before. Only cookies that decrypted are remembered, so made-up
/// cookies cost memory nothing.
/// </summary>
public sealed class CachedCookieFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    // A sign-in per entry at most; the limit guards memory against a flood of sign-ins.
    private readonly MemoryCache decrypted = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var key = $"{purpose}\n{protectedText}";
        if (decrypted.TryGetValue(key, out AuthenticationTicket? known))
        {
            return known;
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null)
        {
            decrypted.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Remembered });
        }

        return ticket;
    }

    public void Dispose() => decrypted.Dispose();
}
