using Microsoft.Extensions.Options;

namespace Paperwire.Search.Embeddings;

/// <summary>Refuses to start with a <c>Search:EmbeddingModel</c> that names no model, saying which ones exist.</summary>
internal sealed class EmbeddingModelValidation : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options) =>
        ArcticModel.Find(options.EmbeddingModel) is null ? ValidateOptionsResult.Fail(ArcticModel.Unknown(options.EmbeddingModel)) : ValidateOptionsResult.Success;
}
