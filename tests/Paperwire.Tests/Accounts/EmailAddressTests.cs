using Paperwire.Accounts;

namespace Paperwire.Tests.Accounts;

/// <summary>The address rule every form input passes before it can reach a mail header.</summary>
public class EmailAddressTests
{
    [Theory]
    [InlineData("ann@example.org", "ann@example.org")]
    [InlineData("  Ann.Lee+papers@Example.ORG ", "ann.lee+papers@example.org")]
    [InlineData("ünï@bücher.example", "ünï@bücher.example")]
    public void TryNormalize_UsableAddress_ReturnsItLowerCased(string input, string normalized)
    {
        Assert.True(EmailAddress.TryNormalize(input, out var address, out var lower));
        Assert.Equal(input.Trim(), address);
        Assert.Equal(normalized, lower);
    }

    [Theory]
    [InlineData("ann@example.org\r\nBcc: eve@example.org")]
    [InlineData("ann@example.org\nSubject: hi")]
    [InlineData("ann@exa\u0000mple.org")]
    [InlineData("Ann <ann@example.org>")]
    [InlineData("ann@example.org, eve@example.org")]
    [InlineData("\"ann lee\"@example.org")]
    [InlineData("ann@localhost")]
    [InlineData("ann@[127.0.0.1]")]
    [InlineData("ann@-example.org")]
    [InlineData("@example.org")]
    [InlineData("ann@")]
    [InlineData("a..b@example.org")]
    [InlineData(".a@example.org")]
    [InlineData("a.@example.org")]
    [InlineData("a@b..org")]
    [InlineData("a b@example.org")]
    [InlineData("a;b@example.org")]
    [InlineData("a@b@example.org")]
    [InlineData("a@example.org.")]
    [InlineData("a@exa_mple.org")]
    public void TryNormalize_UnusableOrInjectingAddress_IsRefused(string input)
    {
        Assert.False(EmailAddress.TryNormalize(input, out _, out _));
    }

    [Fact]
    public void TryNormalize_AddressLongerThan254_IsRefused()
    {
        var domain = $"{new string('b', 60)}.{new string('c', 60)}.{new string('d', 63)}.org"; // labels of at most 63
        Assert.True(EmailAddress.TryNormalize(new string('a', 64) + "@" + domain, out var longest, out _));
        Assert.Equal(254, longest.Length);
        Assert.False(EmailAddress.TryNormalize(new string('a', 64) + "@b" + domain, out _, out _));
    }

    /// <summary>
    /// Whatever the rule accepts, the mail code can address: thousands of strings built from the characters that
    /// matter at the edges of RFC 5322 (dots, quotes, specials, spaces, unicode), none accepted and then refused
    /// by MimeKit when the mail is sent (which left unconfirmable accounts behind).
    /// </summary>
    [Fact]
    public void TryNormalize_EveryAcceptedAddress_IsOneMimeKitCanSendTo()
    {
        const string alphabet = "ababab.@-+_\"'; ,<>()[]:\\!#é\u00a0\t1";
        var random = new Random(20261204);
        var accepted = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var chars = new char[random.Next(1, 14)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            var candidate = new string(chars) + (random.Next(3) == 0 ? "" : "@example.org");
            if (EmailAddress.TryNormalize(candidate, out var address, out _))
            {
                accepted++;
                var parsed = MimeKit.MailboxAddress.Parse(address);
                Assert.Equal(address, parsed.Address);
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} generated addresses were usable; the generator tests too little");
    }
}
