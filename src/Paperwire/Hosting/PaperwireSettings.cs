using Paperwire.Storage;

namespace Paperwire.Hosting;

/// <summary>What every command resolves from its flags and environment before building a host.</summary>
public sealed record PaperwireSettings(string DataDirectory, DatabaseSettings Database);
