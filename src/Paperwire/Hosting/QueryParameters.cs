using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Paperwire.Hosting;

/// <summary>
/// One query-string parameter of an API endpoint. The endpoint's parser reads the query through it and the
/// OpenAPI document (and so <c>/docs</c>) describes it from it, so the defaults, ranges and allowed values a
/// client reads are the ones the server enforces.
/// </summary>
public abstract record QueryParameter(string Name, string Description)
{
    public bool Required { get; init; }

    /// <summary>A value that works, shown in the documentation.</summary>
    public string? Example { get; init; }

    public string? Text(IQueryCollection query) => query[Name];

    public OpenApiParameter ToOpenApi() => new()
    {
        Name = Name,
        In = ParameterLocation.Query,
        Description = Description,
        Required = Required,
        Schema = Schema(),
        Example = Example is null ? null : JsonValue.Create(Example),
    };

    protected abstract OpenApiSchema Schema();
}

/// <summary>A whole number from <paramref name="Minimum"/> to <paramref name="Maximum"/>; absent or empty means <paramref name="Default"/>.</summary>
public sealed record IntegerParameter(string Name, string Description, int Default, int Minimum, int Maximum)
    : QueryParameter(Name, Description)
{
    public int Read(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var text = Text(query);
        if (string.IsNullOrEmpty(text))
        {
            return Default;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < Minimum || value > Maximum)
        {
            errors[Name] = [$"{Name} must be a whole number from {Minimum} to {Maximum}."];
            return Default;
        }

        return value;
    }

    protected override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = Minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = Maximum.ToString(CultureInfo.InvariantCulture),
        Default = Default,
    };
}

/// <summary>One word of <paramref name="Values"/>; absent or empty means <paramref name="Default"/>.</summary>
/// <param name="Error">The sentence a client gets for any other word.</param>
public sealed record ChoiceParameter(string Name, string Description, IReadOnlyList<string> Values, string Default, string Error)
    : QueryParameter(Name, Description)
{
    public bool IgnoreCase { get; init; }

    /// <summary>The word as spelled in <see cref="Values"/>, or <see cref="Default"/> (with an error) when it is not one of them.</summary>
    public string Read(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var text = Text(query);
        if (string.IsNullOrEmpty(text))
        {
            return Default;
        }

        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (Values.FirstOrDefault(value => string.Equals(value, text, comparison)) is { } known)
        {
            return known;
        }

        errors[Name] = [Error];
        return Default;
    }

    protected override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Values.Select(value => (JsonNode)JsonValue.Create(value))],
        Default = Default,
    };
}

/// <summary>On when the value is <c>1</c>, <c>true</c> or <c>on</c> (what a checkbox sends); off otherwise.</summary>
public sealed record FlagParameter(string Name, string Description) : QueryParameter(Name, Description)
{
    public bool Read(IQueryCollection query) =>
        Text(query) is "1" or "on" || string.Equals(Text(query), "true", StringComparison.OrdinalIgnoreCase);

    protected override OpenApiSchema Schema() => new() { Type = JsonSchemaType.Boolean, Default = false };
}

/// <summary>Free text that the endpoint's parser checks itself; the schema says what it accepts.</summary>
public sealed record TextParameter(string Name, string Description) : QueryParameter(Name, Description)
{
    /// <summary>An OpenAPI format such as <c>date</c>.</summary>
    public string? Format { get; init; }

    public string? Pattern { get; init; }

    public int? MaxLength { get; init; }

    protected override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String,
        Format = Format,
        Pattern = Pattern,
        MaxLength = MaxLength,
    };
}

public static class QueryParameterEndpoints
{
    /// <summary>Documents the query parameters an endpoint reads by hand, in the order given.</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder endpoint, IReadOnlyList<QueryParameter> parameters) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var parameter in parameters)
            {
                operation.Parameters.Add(parameter.ToOpenApi());
            }

            return Task.CompletedTask;
        });
}
