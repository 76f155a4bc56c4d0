using System.Net;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Web.Hostile;

/// <summary>A post form as a page renders it: where it posts and every named field with the value it would send.</summary>
public sealed record RenderedForm(Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public string? AntiforgeryToken => Fields.FirstOrDefault(f => f.Key == AntiforgeryField).Value;
}

/// <summary>Reads the post forms of a page: inputs, selects and textareas, as a browser would submit them untouched.</summary>
public static partial class RenderedForms
{
    public static IReadOnlyList<RenderedForm> Read(Uri page, string html)
    {
        var forms = new List<RenderedForm>();
        foreach (Match form in Forms().Matches(html))
        {
            var attributes = Attributes(form.Groups["attributes"].Value);
            if (!string.Equals(attributes.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var action = attributes.GetValueOrDefault("action") is { Length: > 0 } target ? new Uri(page, target) : page;
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match field in Fields().Matches(form.Groups["body"].Value))
            {
                var fieldAttributes = Attributes(field.Groups["attributes"].Value);
                if (!fieldAttributes.TryGetValue("name", out var name))
                {
                    continue;
                }

                var type = fieldAttributes.GetValueOrDefault("type")?.ToLowerInvariant();
                var value = field.Groups["tag"].Value.ToLowerInvariant() switch
                {
                    "select" => FirstOption().Match(field.Groups["inner"].Value) is { Success: true } option ? WebUtility.HtmlDecode(option.Groups["value"].Value) : "",
                    "textarea" => Filled(null),
                    _ when type is "checkbox" or "radio" => fieldAttributes.GetValueOrDefault("value") ?? "on",
                    _ when type is "hidden" => fieldAttributes.GetValueOrDefault("value") ?? "",
                    _ => fieldAttributes.GetValueOrDefault("value") is { Length: > 0 } given ? given : Filled(type),
                };
                if (type is not ("submit" or "button" or "image") && !fields.Any(f => f.Key == name))
                {
                    fields.Add(new(name, value));
                }
            }

            forms.Add(new RenderedForm(action, fields));
        }

        return forms;
    }

    /// <summary>
    /// What a visitor types into an empty field, so that a payload in one field meets valid neighbours and reaches
    /// the code past the first "required" check.
    /// </summary>
    private static string Filled(string? type) => type switch
    {
        "email" => "hostile@example.org",
        "number" => "1",
        "password" => "correct horse battery staple",
        "url" => "https://example.org/",
        _ => "hostile",
    };

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Attribute().Matches(text))
        {
            attributes.TryAdd(match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value));
        }

        return attributes;
    }

    [GeneratedRegex("""<form\b(?<attributes>[^>]*)>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Forms();

    [GeneratedRegex("""<(?<tag>select)\b(?<attributes>[^>]*)>(?<inner>.*?)</select>|<(?<tag>input|textarea)\b(?<attributes>[^>]*)>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Fields();

    [GeneratedRegex("""<option\b[^>]*\bvalue="(?<value>[^"]*)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex FirstOption();

    [GeneratedRegex(@"(?<name>[\w.:-]+)=""(?<value>[^""]*)""")]
    private static partial Regex Attribute();
}
