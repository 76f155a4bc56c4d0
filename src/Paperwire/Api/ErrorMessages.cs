using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Paperwire.Api;

/// <summary>
/// huggingface_hub shows why a request failed only from an <c>error</c> member of the JSON body or an
/// <c>X-Error-Message</c> header (<c>hf_raise_for_status</c> in utils/_http.py); a bare ProblemDetails reaches its user
/// as "Bad request:" and nothing more. So every ProblemDetails answer keeps its shape and also carries one sentence,
/// made of its title, detail and validation errors, in both places.
/// </summary>
public static class ErrorMessages
{
    public const string Header = "X-Error-Message";

    /// <summary>Header values echo input (a bad id, a bad date), so they are cut short; the body keeps the whole sentence.</summary>
    public const int MaxHeaderLength = 300;

    public static void Annotate(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var message = PlainPunctuation(Compose(problem, context.HttpContext.Response.StatusCode));
        problem.Extensions["error"] = message;
        if (!context.HttpContext.Response.HasStarted)
        {
            context.HttpContext.Response.Headers[Header] = ToHeaderValue(message);
        }
    }

    /// <summary><c>Title: detail [field:] message …</c>, e.g. "Invalid daily papers query: 'yesterday' is not a date as YYYY-MM-DD …".</summary>
    public static string Compose(ProblemDetails problem, int status)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            parts.Add(problem.Detail.Trim());
        }

        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var (field, messages) in validation.Errors)
            {
                parts.AddRange(messages.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => NameField(field, m.Trim())));
            }
        }

        var title = problem.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            title = ReasonPhrases.GetReasonPhrase(problem.Status ?? status);
        }

        if (string.IsNullOrEmpty(title))
        {
            title = "Request failed";
        }

        return parts.Count == 0 ? title : $"{title}: {string.Join(' ', parts)}";
    }

    /// <summary>"limit must be …" and "Type something to search for (q)" name their field already; others get "field: " in front.</summary>
    private static string NameField(string field, string message) =>
        field.Length == 0 || Regex.IsMatch(message, $@"\b{Regex.Escape(field)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            ? message
            : $"{field}: {message}";

    /// <summary>
    /// Typographic punctuation (… “ ” ‘ ’ – —) as its ASCII look-alike, so that a sentence whose only non-ASCII
    /// characters are these reads the same in the body and the header, and the client shows it once.
    /// </summary>
    public static string PlainPunctuation(string message)
    {
        var plain = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            plain.Append(c switch
            {
                '\u2026' => "...",
                '\u2018' or '\u2019' => "'",
                '\u201C' or '\u201D' => "\"",
                '\u2013' or '\u2014' => "-",
                _ => c.ToString(),
            });
        }

        return plain.ToString();
    }

    /// <summary>
    /// A header value must be visible ASCII: control characters become a space, anything else outside ASCII '?'
    /// (the body keeps the text whole), and it stops after <see cref="MaxHeaderLength"/> characters.
    /// </summary>
    public static string ToHeaderValue(string message)
    {
        var value = new StringBuilder(Math.Min(message.Length, MaxHeaderLength + 3));
        foreach (var rune in PlainPunctuation(message).EnumerateRunes())
        {
            if (value.Length >= MaxHeaderLength)
            {
                value.Append("...");
                break;
            }

            value.Append(rune.Value switch
            {
                < 0x20 or 0x7F => ' ',
                > 0x7E => '?',
                _ => (char)rune.Value,
            });
        }

        return value.ToString().Trim();
    }
}
