using System.Runtime.InteropServices;

namespace Paperwire.Hosting;

/// <summary>
/// Everything Paperwire writes (the database and its WAL, signing keys, mail in the pickup folder, indexes) is
/// the operator's and the readers' private data: with the usual umask of 022 it would be world-readable on a
/// shared machine. The process's umask is set to 077 before anything is written, so every file is created 0600
/// and every folder 0700, including the files SQLite and other native code create.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_111_111);
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
#pragma warning restore SYSLIB1054
}
