using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MimeKit;

namespace Paperwire.Accounts;

/// <summary>
/// The one address rule for every form (sign-up, sign-in by address, password reset, digests) and every command:
/// one plain mailbox <c>local@domain</c> that mail can really be sent to, checked before anything is stored.
/// The local part is an RFC 5322 dot-atom (RFC 6532 letters and digits beyond ASCII allowed; no quotes, no
/// leading, trailing or doubled dots, at most 64 characters); the domain is a dotted host name (internationalized names allowed) with a letter in its last
/// label; at most 254 characters in all (RFC 5321's forward path). No display name, group or route, no control
/// characters (CR/LF would be header injection). Whatever passes also parses in MimeKit's strict mode, which is
/// what sends it.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    private const string AtomSpecials = "!#$%&'*+-/=?^_`{|}~";
    private static readonly ParserOptions StrictParser = new() { AddressParserComplianceMode = RfcComplianceMode.Strict, AllowAddressesWithoutDomain = false };
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static bool IsValid(string? input) => TryNormalize(input, out _, out _);

    public static bool TryNormalize(string? input, out string address, out string normalized)
    {
        address = normalized = "";
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(char.IsControl))
        {
            return false;
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || !IsDotAtom(text[..at]) || !IsDomain(text[(at + 1)..]))
        {
            return false;
        }

        if (!MailboxAddress.TryParse(StrictParser, text, out var mailbox) || mailbox.Name is { Length: > 0 } || mailbox.Route.Count > 0 || mailbox.Address != text)
        {
            return false;
        }

        address = text;
        normalized = text.ToLowerInvariant();
        return true;
    }

    /// <summary><c>ann.lee+papers</c>: atoms of letters, digits and <c>!#$%&amp;'*+-/=?^_`{|}~</c> joined by single dots.</summary>
    private static bool IsDotAtom(string local) =>
        local.Length <= 64 && local.Split('.').All(atom => atom.Length > 0 && atom.All(c => char.IsLetterOrDigit(c) || AtomSpecials.Contains(c)));

    /// <summary>A dotted host name with a letter in its last label: rejects <c>a@b</c>, <c>a@[1.2.3.4]</c>, <c>a@-x.org</c>, <c>a@b..org</c>.</summary>
    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 || !labels.All(l => l.Length is > 0 and <= 63 && !l.StartsWith('-') && !l.EndsWith('-') && l.All(c => char.IsLetterOrDigit(c) || c == '-'))
            || !labels[^1].Any(char.IsLetter))
        {
            return false;
        }

        try
        {
            return Idn.GetAscii(domain).Length <= 253;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Form fields that hold a mail address: <see cref="EmailAddress"/>'s rule, with a message a person can act on.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MailAddressAttribute() : ValidationAttribute("Enter one email address, like ann@example.org.")
{
    /// <summary>Empty is <see cref="RequiredAttribute"/>'s business.</summary>
    public override bool IsValid(object? value) => value is null or "" || (value is string text && EmailAddress.IsValid(text));
}
