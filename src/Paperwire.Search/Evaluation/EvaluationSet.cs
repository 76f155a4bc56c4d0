using System.Text.Json;

namespace Paperwire.Search.Evaluation;

/// <summary>One judged query: grades 1–3 by paper id; unlisted papers count as 0.</summary>
public sealed record JudgedQuery(string Query, string? Kind, IReadOnlyDictionary<string, int> Relevant);

/// <summary>A file of judged queries (<c>eval/search-queries.json</c>).</summary>
public sealed record EvaluationSet(string? Description, IReadOnlyList<JudgedQuery> Queries)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <exception cref="InvalidDataException">The file is not a usable set; the message says why.</exception>
    public static EvaluationSet Load(string path)
    {
        EvaluationSet? set;
        try
        {
            set = JsonSerializer.Deserialize<EvaluationSet>(File.ReadAllText(path), Json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {error.Message}", error);
        }

        if (set?.Queries is not { Count: > 0 })
        {
            throw new InvalidDataException($"{path} has no queries; expected {{\"queries\": [{{\"query\": \"…\", \"relevant\": {{\"2504.05299\": 3}}}}]}}.");
        }

        foreach (var (query, index) in set.Queries.Select((q, i) => (q, i)))
        {
            if (string.IsNullOrWhiteSpace(query.Query) || query.Relevant is not { Count: > 0 } || query.Relevant.Values.Any(g => g is < 0 or > 3))
            {
                throw new InvalidDataException($"Query {index + 1} in {path} needs a text and at least one judged paper with a grade from 0 to 3.");
            }
        }

        return set;
    }
}
