using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;

namespace Paperwire.Tests.Web.Hostile;

/// <summary>One request of the run: who sends it, what, and which parameter carries which payload.</summary>
public sealed record HostileRequest(HostileTarget Target, HostileSession Session, string Method, string Url, string? FormBody, string? JsonBody, string Parameter, HostilePayload? Payload)
{
    public override string ToString() => $"{Session.Name} {Method} {Url[..Math.Min(Url.Length, 200)]}{(Payload is null ? "" : $" [{Parameter} = {Payload}]")}";
}

/// <summary>Values that reach the code behind a parameter: the seeded paper, collection, comment, organization and user.</summary>
public sealed record HostileBaseline(string PaperId, long CollectionId, string CollectionSlug, long CommentId, string Organization, string UserName)
{
    /// <summary>The value a route parameter gets when it is not the one attacked; unknown names get "x" (still matched, still sent).</summary>
    public string RouteValue(string pattern, string name) => name switch
    {
        "id" when pattern.Contains("/comments/{id", StringComparison.Ordinal) => CommentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "id" when pattern.Contains("/collections/{id", StringComparison.Ordinal) => CollectionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "id" or "paperId" => PaperId,
        "archive" => "hep-th",
        "number" => "9901001",
        "key" when pattern.Contains("/week/", StringComparison.Ordinal) => "2026-W22",
        "key" when pattern.Contains("/month/", StringComparison.Ordinal) => "2026-05",
        "key" => "2026-05-28",
        "format" => "rss",
        "name" when pattern.StartsWith("/u/", StringComparison.Ordinal) || pattern.StartsWith("/avatars/users/", StringComparison.Ordinal) => UserName,
        "name" => Organization,
        "owner" or "userName" => UserName,
        "slug" => CollectionSlug,
        "code" => "404",
        "documentName" => "v1",
        _ => "x",
    };
}

/// <summary>
/// Turns the endpoint catalog into requests: for every target, every parameter it has (route values, the query keys
/// its metadata names plus the common ones, the fields of its rendered form or its JSON body) gets every payload —
/// in CI the corpus' CI subset, and for common keys the endpoint does not declare, a rotating quarter of it.
/// </summary>
public sealed class HostilePlan(HostileBaseline baseline, bool full)
{
    /// <summary>Query keys some endpoint reads from the request directly, where no metadata can name them.</summary>
    public static readonly string[] CommonKeys = ["date", "week", "month", "p", "limit", "q", "from", "to", "category", "org", "sort", "submitter", "token", "period", "returnUrl"];

    private IReadOnlyList<HostilePayload> Payloads => full ? HostilePayloads.All : HostilePayloads.Ci;

    public string BaselinePath(HostileTarget target, string? attacked = null, string? wire = null)
    {
        var path = new System.Text.StringBuilder();
        foreach (var segment in target.Route.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter when parameter.Name == attacked => wire,
                    RoutePatternParameterPart parameter => Escape(baseline.RouteValue(target.Pattern, parameter.Name), parameter.IsCatchAll),
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    /// <summary>GET (and the API's other methods) with the payload in a route value or a query key, plus HEAD and a wrong method.</summary>
    public IEnumerable<HostileRequest> ForQuery(HostileTarget target, HostileSession session, string? fixedQuery = null)
    {
        var path = BaselinePath(target);
        var suffix = fixedQuery is { Length: > 0 } ? fixedQuery + "&" : "";
        var json = target.JsonBody is { } body ? BaselineJson(body) : null;
        var declared = target.RouteParameters.Concat(target.QueryKeys).ToHashSet(StringComparer.OrdinalIgnoreCase);

        yield return new(target, session, target.Method, Join(path, fixedQuery), null, json, "(baseline)", null);
        foreach (var name in target.RouteParameters)
        {
            foreach (var payload in Payloads)
            {
                yield return new(target, session, target.Method, Join(BaselinePath(target, name, payload.For(name)), fixedQuery), null, json, name, payload);
            }
        }

        var undeclared = 0;
        foreach (var key in target.QueryKeys.Concat(CommonKeys.Where(k => !declared.Contains(k))).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var rotation = declared.Contains(key) ? -1 : undeclared++;
            for (var i = 0; i < Payloads.Count; i++)
            {
                if (full || rotation < 0 || (i + rotation) % 4 == 0)
                {
                    yield return new(target, session, target.Method, $"{path}?{suffix}{Uri.EscapeDataString(key)}={Payloads[i].For(key)}", null, json, key, Payloads[i]);
                }
            }
        }

        if (target.JsonBody is { } type)
        {
            foreach (var property in JsonProperties(type))
            {
                foreach (var payload in Payloads)
                {
                    yield return new(target, session, target.Method, Join(path, fixedQuery), null, BaselineJson(type, property, payload.Decoded(property)), "json:" + property, payload);
                }
            }

            foreach (var payload in Payloads)
            {
                yield return new(target, session, target.Method, Join(path, fixedQuery), null, payload.Decoded("body"), "(raw body)", payload);
            }
        }

        if (target.Method == "GET")
        {
            yield return new(target, session, "HEAD", Join(path, fixedQuery), null, null, "(HEAD)", null);
            yield return new(target, session, "PUT", Join(path, fixedQuery), null, null, "(wrong method)", null);
        }
    }

    /// <summary>A form post: the rendered form's fields (antiforgery token included) with one field, or a route value, carrying the payload.</summary>
    public IEnumerable<HostileRequest> ForForm(HostileTarget target, HostileSession session, Uri action, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var url = action.PathAndQuery;
        var query = QueryHelpers.ParseQuery(action.Query);
        var names = fields.Select(f => f.Key).Concat(target.FormFields).Where(n => n != RenderedForm.AntiforgeryField).Distinct().ToList();
        var rendered = fields.Select(f => f.Key).ToHashSet();
        // A field only the handler's metadata names is sent when attacked: sent empty, it would hide a query value
        // of the same name (the form beats the query string in binding), e.g. the manage page's link token.
        string Body(string? attacked, string? wire) => string.Join('&', names
            .Where(n => n == attacked || rendered.Contains(n) || rendered.Count == 0)
            .Select(n => n == attacked ? $"{Uri.EscapeDataString(n)}={wire}" : $"{Uri.EscapeDataString(n)}={Uri.EscapeDataString(fields.FirstOrDefault(f => f.Key == n).Value ?? "")}")
            .Append($"{RenderedForm.AntiforgeryField}={Uri.EscapeDataString(fields.FirstOrDefault(f => f.Key == RenderedForm.AntiforgeryField).Value ?? session.AntiforgeryToken ?? "")}"));

        yield return new(target, session, "POST", url, Body(null, null), null, "(baseline)", null);
        foreach (var name in names)
        {
            foreach (var payload in Payloads)
            {
                yield return new(target, session, "POST", url, Body(name, payload.For(name)), null, "form:" + name, payload);
            }
        }

        foreach (var key in query.Keys.Where(k => k != "handler"))
        {
            foreach (var payload in Payloads)
            {
                var attacked = string.Join('&', query.Select(q => q.Key == key ? $"{Uri.EscapeDataString(key)}={payload.For(key)}" : $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));
                yield return new(target, session, "POST", $"{action.AbsolutePath}?{attacked}", Body(null, null), null, "query:" + key, payload);
            }
        }

        foreach (var name in target.RouteParameters)
        {
            foreach (var payload in Payloads)
            {
                yield return new(target, session, "POST", BaselinePath(target, name, payload.For(name)) + action.Query, Body(null, null), null, name, payload);
            }
        }
    }

    /// <summary>Whether a rendered form posts to <paramref name="target"/> (path and page handler).</summary>
    public static bool Posts(HostileTarget target, Uri action)
    {
        var values = new RouteValueDictionary();
        var matcher = new TemplateMatcher(TemplateParser.Parse(target.Pattern.TrimStart('/')), []);
        var handler = QueryHelpers.ParseQuery(action.Query).TryGetValue("handler", out var h) ? h.ToString() : null;
        return matcher.TryMatch(Uri.UnescapeDataString(action.AbsolutePath), values)
            && string.Equals(handler ?? "", target.PageHandler ?? "", StringComparison.OrdinalIgnoreCase);
    }

    private static string Join(string path, string? query) => query is { Length: > 0 } ? $"{path}?{query}" : path;

    private static string Escape(string value, bool catchAll) =>
        catchAll ? string.Join('/', value.Split('/').Select(Uri.EscapeDataString)) : Uri.EscapeDataString(value);

    private static IEnumerable<string> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    /// <summary>A body whose every property has a plausible value, except <paramref name="attacked"/>, which carries the payload.</summary>
    private string BaselineJson(Type type, string? attacked = null, string? payload = null)
    {
        var body = new Dictionary<string, object?>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            body[name] = name == attacked
                ? (kind == typeof(string) ? payload : JsonLiteral(payload))
                : kind == typeof(string) ? (name is "paper" ? baseline.PaperId : "hostile") : kind == typeof(bool) ? true : 1;
        }

        return JsonSerializer.Serialize(body);
    }

    /// <summary>A payload in a number or bool property: as the literal it spells when it is one, else as a string.</summary>
    private static object? JsonLiteral(string? payload)
    {
        try
        {
            return payload is null ? null : JsonSerializer.Deserialize<JsonElement>(payload);
        }
        catch (JsonException)
        {
            return payload;
        }
    }
}
