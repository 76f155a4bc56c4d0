namespace Paperwire.Digests;

/// <summary>
/// The SMTP server could not be reached or refused the session itself (connection, TLS, login) — no fault of any
/// recipient. A run stops on it and leaves its digests pending, untouched: a wrong password or a server that is down
/// must not use up retries or suspend subscriptions.
/// </summary>
public sealed class SmtpUnavailableException(string message, Exception inner) : Exception(message, inner);
