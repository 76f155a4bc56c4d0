using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Accounts;

/// <summary>Where earlier versions kept the Data Protection keys: a folder of <c>key-{id}.xml</c> files in the data folder.</summary>
public sealed record KeyRingFolder(string Path);

/// <summary>
/// The Data Protection key ring lives in the database, so a cookie, antiforgery token or digest link issued by one
/// node verifies on every other. Before the first request this takes over the keys an older version kept in the
/// data folder (so sign-ins and digest links already sent keep working), and makes sure the ring has a key while
/// holding a lease: nodes that start together on a fresh database would otherwise each create a key of their own
/// and refuse each other's cookies until their rings refresh.
/// </summary>
public sealed class SharedKeyRing(
    PaperwireDbContext db,
    JobLeases leases,
    IDataProtectionProvider protection,
    KeyRingFolder folder,
    ILogger<SharedKeyRing> logger)
{
    private const string LeaseName = "data-protection-keys";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        // Another node preparing the ring holds the lease for a moment; a node killed while holding it delays the
        // others by at most the lease's minute.
        while (!await leases.TryAcquireAsync(LeaseName, holder, LeaseDuration, cancellationToken))
        {
            await Task.Delay(RetryInterval, cancellationToken);
        }

        try
        {
            await ImportFolderKeysAsync(cancellationToken);
            // The first protect loads the ring and creates a key when it has none; the lease makes that one key.
            protection.CreateProtector("Paperwire.KeyRing.Warmup").Protect([1]);
        }
        finally
        {
            await leases.ReleaseAsync(LeaseName, holder, CancellationToken.None);
        }
    }

    private async Task ImportFolderKeysAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder.Path))
        {
            return;
        }

        var stored = await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken);
        var imported = 0;
        foreach (var file in Directory.EnumerateFiles(folder.Path, "key-*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (stored.Contains(name))
            {
                continue;
            }

            XElement key;
            try
            {
                key = XElement.Load(file);
            }
            catch (System.Xml.XmlException error)
            {
                logger.LogWarning("Skipped the unreadable Data Protection key file {File}: {Error}", file, error.Message);
                continue;
            }

            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = key.ToString(SaveOptions.DisableFormatting) });
            imported++;
        }

        if (imported > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation(
                "Moved {Count} Data Protection key(s) from {Folder} into the database; sign-ins and digest links issued earlier keep working. The folder is no longer read.",
                imported,
                folder.Path);
        }
    }
}
