using Microsoft.Extensions.Options;
using MimeKit;

namespace Paperwire.Accounts;

/// <summary>Writes each message as an RFC 5322 <c>.eml</c> file into the pickup folder (written whole, then renamed).</summary>
public sealed class MailPickup(IOptions<MailOptions> options, TimeProvider time)
{
    public async Task WriteAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.PickupDirectory ?? throw new InvalidOperationException("Mail:PickupDirectory is not set.");
        Directory.CreateDirectory(folder);
        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(folder, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(folder, name));
    }
}
