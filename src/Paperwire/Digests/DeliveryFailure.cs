using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;

namespace Paperwire.Digests;

/// <summary>How a failed delivery is treated: a 5xx answer is the server's final word; anything else may pass.</summary>
public static class DeliveryFailure
{
    /// <summary>True for failures worth retrying (4xx, timeouts, broken connections); false for permanent 5xx.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException => true,
        OperationCanceledException => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="error"/> is one a mail server or the network can cause (as opposed to a bug).</summary>
    public static bool IsDeliveryError(Exception error) =>
        error is SmtpCommandException or SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException
            or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException;

    public static string Describe(Exception error)
    {
        var text = error is SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}" : $"{error.GetType().Name}: {error.Message}";
        return text.Length > 1000 ? text[..1000] : text;
    }
}
