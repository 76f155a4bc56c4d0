namespace Paperwire.Backups;

/// <summary>A backup or restore that cannot go on, for a reason the operator can act on (the message says which).</summary>
public sealed class BackupException(string message, Exception? inner = null) : IOException(message, inner);
