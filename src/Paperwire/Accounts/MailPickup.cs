using Microsoft.Extensions.Options;
using MimeKit;

namespace Paperwire.Accounts;

/// <summary>Writes each message as an RFC 5322 <c>.eml</c> file into the pickup folder (written whole, then renamed).</summary>
public sealed class MailPickup(IOptions<MailOptions> options, TimeProvider time)
{
    public async Task WriteAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.PickupDirectory ?? throw new InvalidOperationException("Mail:PickupDirectory is not set.");
        // Mail holds reset and confirmation links: for the service's user only.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, Hosting.PrivateFiles.FolderMode);
        }
        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(folder, name + ".tmp");
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = Hosting.PrivateFiles.FileMode;
        }

        await using (var stream = new FileStream(temporary, file))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(temporary, Path.Combine(folder, name));
    }
}
