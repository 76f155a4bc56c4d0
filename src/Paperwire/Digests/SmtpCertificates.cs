using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Paperwire.Digests;

/// <summary>How the SMTP server's certificate is checked: the system's roots, plus one PEM file an operator trusts (<see cref="SmtpOptions.TrustedCertificate"/>).</summary>
public static class SmtpCertificates
{
    /// <summary>Null (the system's check alone) without a trusted file; else a check that also accepts chains ending in one of its certificates.</summary>
    public static RemoteCertificateValidationCallback? Validator(string? trustedPemFile)
    {
        if (string.IsNullOrWhiteSpace(trustedPemFile))
        {
            return null;
        }

        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(trustedPemFile);
        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            // A name that does not match is never excused; only the root may be the operator's own.
            if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
    }
}
