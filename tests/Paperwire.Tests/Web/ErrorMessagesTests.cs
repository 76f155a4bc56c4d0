using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Paperwire.Api;

namespace Paperwire.Tests.Web;

/// <summary>The one sentence every error carries for huggingface_hub, and its header form.</summary>
public class ErrorMessagesTests
{
    [Fact]
    public void Compose_ValidationProblem_NamesEachFieldOnce()
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["date"] = ["Give at most one of date, week and month."],
            ["limit"] = ["limit must be a whole number from 1 to 100."],
            ["p"] = ["'x' is not a page number."],
        })
        { Title = "Invalid daily papers query" };

        Assert.Equal(
            "Invalid daily papers query: Give at most one of date, week and month. limit must be a whole number from 1 to 100. p: 'x' is not a page number.",
            ErrorMessages.Compose(problem, 400));
    }

    [Fact]
    public void Compose_NoTitle_UsesTheStatusReason()
    {
        Assert.Equal("Too Many Requests", ErrorMessages.Compose(new ProblemDetails(), 429));
        Assert.Equal("Not Found: gone", ErrorMessages.Compose(new ProblemDetails { Status = 404, Detail = " gone " }, 500));
    }

    [Theory]
    [InlineData("No paper “x” – see (pw-…)", "No paper \"x\" - see (pw-...)")]
    [InlineData("bell\u0007 and\r\nnewline", "bell  and  newline")]
    [InlineData("Café 日本 🙂", "Caf? ?? ?")]
    public void ToHeaderValue_IsVisibleAscii(string message, string header) =>
        Assert.Equal(header, ErrorMessages.ToHeaderValue(message));

    [Fact]
    public void ToHeaderValue_LongMessage_IsCutShort()
    {
        var header = ErrorMessages.ToHeaderValue(new string('a', 5000));
        Assert.Equal(ErrorMessages.MaxHeaderLength + 3, header.Length);
        Assert.EndsWith("a...", header, StringComparison.Ordinal);
    }
}
