using System.Text.Json;
using System.Text.Json.Serialization;
using Paperwire.Recommend.Signals;

namespace Paperwire.Recommend.Model;

/// <summary>
/// One reader's model: a linear score over a paper's vector and its categories,
/// <c>score = Weights · vector + Σ CategoryWeights[category] + Bias</c>, scaled so that a typical catalog paper
/// scores about 0 with spread 1 (follow bonuses add in those units). Derived data: recomputable from the reader's
/// signals at any time, so it may be cached or stored, and is never trusted over them (<see cref="IsCurrentFor"/>).
/// A <see cref="ModelKind.Closeness"/> model has no weights: it scores by the signals themselves.
/// </summary>
public sealed record ReaderModel(
    int Format,
    ModelKind Kind,
    long SignalsVersion,
    float[] Weights,
    IReadOnlyDictionary<string, float> CategoryWeights,
    float Bias)
{
    /// <summary>Bumped whenever features or scaling change, so stored models of an older format are retrained.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ReaderModel Closeness(long signalsVersion) =>
        new(CurrentFormat, ModelKind.Closeness, signalsVersion, [], new Dictionary<string, float>(), 0);

    /// <summary>True when this model was trained on these signals by this code: otherwise train again.</summary>
    public bool IsCurrentFor(ReaderSignals signals) => Format == CurrentFormat && SignalsVersion == signals.Version;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored model, or null when it cannot be used (unreadable or of another format): train again.</summary>
    public static ReaderModel? FromJson(string json)
    {
        try
        {
            var model = JsonSerializer.Deserialize<ReaderModel>(json, Json);
            return model is { Format: CurrentFormat, Weights: not null, CategoryWeights: not null }
                && (model.Kind == ModelKind.Closeness || model.Weights.Length > 0)
                ? model
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
