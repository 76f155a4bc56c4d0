namespace Paperwire.Ingest.Pipeline;

/// <summary>
/// Input that cannot be imported at all (a binary file passed as a snapshot, a host that is not the configured
/// arXiv mirror): the import stops with this message and a non-zero exit; nothing stored is touched.
/// </summary>
public sealed class InvalidInputException(string message) : Exception(message);
