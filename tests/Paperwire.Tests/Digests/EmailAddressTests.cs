using Paperwire.Digests;

namespace Paperwire.Tests.Digests;

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
}
