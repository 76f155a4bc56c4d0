using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paperwire.Core.Digests;
using Paperwire.Digests;
using Paperwire.Storage;

namespace Paperwire.Tests.Digests;

/// <summary>
/// The SMTP settings an operator configures — STARTTLS, implicit TLS, a private certificate to trust, a login —
/// work against real servers. A server that cannot be used (untrusted certificate, wrong password, nobody
/// listening) stops the run and leaves every digest pending as it was: no retries used up, nobody suspended.
/// </summary>
public class SmtpTransportTests
{
    [Theory]
    [InlineData("StartTls", "--tlscert")]
    [InlineData("SslOnConnect", "--smtpscert")]
    public async Task Digests_go_over_tls_to_a_server_whose_certificate_the_operator_trusts(string security, string certificateOption)
    {
        var folder = Directory.CreateTempSubdirectory("paperwire-tls-").FullName;
        var (certificate, key) = WriteSelfSignedCertificate(folder);
        var keyOption = certificateOption == "--tlscert" ? "--tlskey" : "--smtpskey";
        await using var server = await PrivateSmtpServer.StartAsync(folder, certificateOption, certificate, keyOption, key);
        await using var app = await StartAsync(server, security, certificate);
        var reader = SmtpSink.NewAddress("tls");
        await app.AddActiveSubscriberAsync(reader);

        Assert.Equal(1, (await app.RunAsync()).Sent);

        await server.WaitForNewAsync(1);
    }

    [Fact]
    public async Task An_untrusted_certificate_stops_the_run_and_leaves_the_digest_pending()
    {
        var folder = Directory.CreateTempSubdirectory("paperwire-tls-").FullName;
        var (certificate, key) = WriteSelfSignedCertificate(folder);
        await using var server = await PrivateSmtpServer.StartAsync(folder, "--tlscert", certificate, "--tlskey", key);
        await using var app = await StartAsync(server, "StartTls", trustedCertificate: null);
        var reader = SmtpSink.NewAddress("untrusted");
        await app.AddActiveSubscriberAsync(reader);

        var error = await Assert.ThrowsAsync<SmtpUnavailableException>(() => app.RunAsync());

        Assert.Contains("could not be used", error.Message, StringComparison.Ordinal);
        await AssertUntouchedAsync(app, reader);
        Assert.Equal((0, 0), server.Counts());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_wrong_password_never_suspends_anyone(DatabaseProvider provider)
    {
        await using var server = new ScriptedSmtpServer { Login = ("paperwire", "right horse battery") };
        var settings = server.Settings();
        settings["Digests:Smtp:UserName"] = "paperwire";
        settings["Digests:Smtp:Password"] = "wrong";
        settings["Digests:MaxConsecutiveFailures"] = "1";
        await using var app = await TestApp.StartAsync(provider, settings: settings);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress("login");
        await app.AddActiveSubscriberAsync(reader);

        for (var run = 0; run < 3; run++)
        {
            var error = await Assert.ThrowsAsync<SmtpUnavailableException>(() => app.RunAsync());
            Assert.Contains("535", error.Message, StringComparison.Ordinal);
        }

        await AssertUntouchedAsync(app, reader);
        Assert.Empty(server.Delivered);
    }

    [Fact]
    public async Task A_server_that_is_down_stops_the_run_and_leaves_the_digest_pending()
    {
        using var down = new NobodyListening();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: down.Settings());
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress("down");
        await app.AddActiveSubscriberAsync(reader);

        await Assert.ThrowsAsync<SmtpUnavailableException>(() => app.RunAsync());
        await Assert.ThrowsAsync<SmtpUnavailableException>(() => app.RunAsync());

        await AssertUntouchedAsync(app, reader);
    }

    [Fact]
    public async Task The_right_password_logs_in_and_delivers()
    {
        await using var server = new ScriptedSmtpServer { Login = ("paperwire", "right horse battery") };
        var settings = server.Settings();
        settings["Digests:Smtp:UserName"] = "paperwire";
        settings["Digests:Smtp:Password"] = "right horse battery";
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: settings);
        await app.AddPeriodPapersAsync(3);
        var reader = SmtpSink.NewAddress("login");
        await app.AddActiveSubscriberAsync(reader);

        Assert.Equal(1, (await app.RunAsync()).Sent);
        Assert.Equal([reader], server.Delivered);
    }

    [Fact]
    public async Task Subscribing_while_the_mail_server_is_down_says_so_and_can_be_repeated_at_once()
    {
        using var down = new NobodyListening();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: down.Settings());
        var reader = SmtpSink.NewAddress("early");
        using var browser = new BrowserSession(app);

        var first = await browser.SubscribeAsync(reader);
        var again = await browser.SubscribeAsync(reader);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (first.Status, again.Status));
        Assert.Contains("could not send the confirmation mail just now", first.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Check your inbox", first.Html, StringComparison.Ordinal);
        var subscription = (await app.SubscriptionAsync(reader))!;
        Assert.Equal((SubscriptionStatus.Pending, (DateTimeOffset?)null), (subscription.Status, subscription.ConfirmationSentAt));
    }

    private static async Task AssertUntouchedAsync(TestApp app, string reader)
    {
        var row = Assert.Single(await app.DeliveriesAsync(reader));
        Assert.Equal((DeliveryStatus.Pending, 0), (row.Status, row.Attempts));
        var subscription = (await app.SubscriptionAsync(reader))!;
        Assert.Equal((SubscriptionStatus.Active, 0), (subscription.Status, subscription.ConsecutiveFailures));
    }

    private static async Task<TestApp> StartAsync(PrivateSmtpServer server, string security, string? trustedCertificate)
    {
        var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?>
        {
            // The certificate names localhost, so that is the host to connect to: a name mismatch is never excused.
            ["Digests:Smtp:Host"] = "localhost",
            ["Digests:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Digests:Smtp:Security"] = security,
            ["Digests:Smtp:TrustedCertificate"] = trustedCertificate,
        });
        await app.AddPeriodPapersAsync(3);
        return app;
    }

    /// <summary>A self-signed certificate for localhost, as an organization's internal relay might have; returns the PEM paths.</summary>
    private static (string Certificate, string Key) WriteSelfSignedCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificatePath = Path.Combine(folder, "relay.pem");
        var keyPath = Path.Combine(folder, "relay.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>
    /// A loopback port that refuses connections: bound, never listening, and held for the test, so no other test's
    /// server can be given the same port meanwhile (a port freed by a stopped server can be).
    /// </summary>
    private sealed class NobodyListening : IDisposable
    {
        private readonly Socket socket = new(SocketType.Stream, ProtocolType.Tcp);

        public NobodyListening() => socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        public Dictionary<string, string?> Settings() => new()
        {
            ["Digests:Smtp:Host"] = "127.0.0.1",
            ["Digests:Smtp:Port"] = ((IPEndPoint)socket.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Digests:Smtp:Security"] = "None",
        };

        public void Dispose() => socket.Dispose();
    }
}
