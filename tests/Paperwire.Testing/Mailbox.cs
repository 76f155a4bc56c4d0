using System.Text.RegularExpressions;
using MimeKit;

namespace Paperwire.Testing;

/// <summary>The app's mail pickup folder, read as the mail a user would receive.</summary>
public sealed partial class Mailbox(string folder)
{
    public static Mailbox Of(TestApp app) => new(Path.Combine(app.Database.DataDirectory, "mail-pickup"));

    /// <summary>Every delivered message (<c>.eml</c>; never a half-written <c>.tmp</c>), oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() => Directory.Exists(folder)
        ? [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))]
        : [];

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Messages().Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The one message to <paramref name="address"/> whose subject mentions <paramref name="subject"/>.</summary>
    public MimeMessage Message(string address, string subject) =>
        Assert.Single(To(address), m => m.Subject?.Contains(subject, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The one link in a message's text, as a path and query on the app.</summary>
    public static string LinkIn(MimeMessage message)
    {
        var link = new Uri(Assert.Single(Links().Matches(message.TextBody ?? "")).Value);
        return link.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
