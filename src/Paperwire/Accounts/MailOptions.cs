namespace Paperwire.Accounts;

/// <summary>
/// Section <c>Mail</c>. Account mail goes over SMTP when <c>Digests:Smtp:Host</c> is set; otherwise it is written
/// as <c>.eml</c> files to a pickup folder that an operator or a local mail server can pick up.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "Paperwire <noreply@paperwire.localhost>";

    /// <summary>Defaults to <c>DATA/mail-pickup</c>.</summary>
    public string? PickupDirectory { get; set; }
}
