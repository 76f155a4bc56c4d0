using MimeKit;

namespace Paperwire.Digests;

/// <summary>
/// The one check every address typed into a form passes before it can reach a header: one plain mailbox
/// (<c>user@domain</c>, no display name, no group, no route), no control characters (CR/LF would be header
/// injection), at most 254 characters (RFC 5321's limit on a forward path).
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? input, out string address, out string normalized)
    {
        address = normalized = "";
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(char.IsControl)
            || text.IndexOfAny(['<', '>', ',', ';', '"', '(', ')', ' ', '\\']) >= 0)
        {
            return false;
        }

        if (!MailboxAddress.TryParse(ParserOptions.Default, text, out var mailbox) || mailbox.Name is { Length: > 0 } || mailbox.Route.Count > 0
            || mailbox.Address != text || mailbox.LocalPart.Length is 0 or > 64 || !IsDomain(mailbox.Domain))
        {
            return false;
        }

        address = text;
        normalized = text.ToLowerInvariant();
        return true;
    }

    /// <summary>A dotted host name with a letter in its last label: rejects <c>a@b</c>, <c>a@[1.2.3.4]</c>, <c>a@-x.org</c>.</summary>
    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is > 0 and <= 63 && !l.StartsWith('-') && !l.EndsWith('-') && l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && labels[^1].Any(char.IsLetter);
    }
}
