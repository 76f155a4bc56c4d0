#:package MailKit
// The ceiling for bench/digests.sh: MailKit sending one prebuilt message (a real digest's text and HTML) COUNT
// times over one connection, with Nagle off as Paperwire's sender does. Nothing is composed or recorded.
// Usage: dotnet run Ceiling.cs -- HOST PORT COUNT DIGEST.txt DIGEST.html
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

var (host, port, count) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
var message = new MimeMessage { Subject = "Trending papers — ceiling", MessageId = "ceiling@bench.example.org" };
message.From.Add(MailboxAddress.Parse("bench@bench.example.org"));
message.To.Add(MailboxAddress.Parse("r1@bench.example.org"));
message.Body = new MultipartAlternative
{
    new TextPart("plain") { Text = File.ReadAllText(args[3]), ContentTransferEncoding = ContentEncoding.QuotedPrintable },
    new TextPart("html") { Text = File.ReadAllText(args[4]), ContentTransferEncoding = ContentEncoding.QuotedPrintable },
};

using var client = new SmtpClient();
var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
await socket.ConnectAsync(host, port);
await client.ConnectAsync(socket, host, port, SecureSocketOptions.None);
var clock = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    await client.SendAsync(message);
}

clock.Stop();
await client.DisconnectAsync(true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ceiling: {count} messages in {clock.Elapsed.TotalSeconds:F1} s = {count / clock.Elapsed.TotalSeconds:F0} messages/s (send loop only)"));
