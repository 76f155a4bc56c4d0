namespace Paperwire.Tests.Digests;

/// <summary>
/// Tests that push thousands of messages through the one shared SMTP server run one after another, so each
/// measures its own run rather than a share of the server.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SmtpLoad
{
    public const string Name = "SMTP load";
}
