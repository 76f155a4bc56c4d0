using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Paperwire.Hosting;

/// <summary>
/// Binds every <c>bool</c> and <c>bool?</c> of pages and forms. Browsers post a checked checkbox as <c>on</c> (no
/// value attribute) or as <c>true</c> followed by the tag helper's hidden <c>false</c>; scripts post anything. The
/// framework's binder keeps what was sent as the attempted value, and when the form is shown again the checkbox tag
/// helper converts that to a bool and throws (a 500). This binder reads the first value leniently and records a
/// canonical <c>true</c>/<c>false</c>, so a form can always be shown again; anything else is a model error.
/// </summary>
public sealed class LenientBooleanBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var nullable = bindingContext.ModelMetadata.IsReferenceOrNullableType;
        var first = values.FirstValue?.Trim();
        bool? value = first?.ToLowerInvariant() switch
        {
            "true" or "on" or "1" => true,
            "false" or "off" or "0" => false,
            null or "" => nullable ? null : false,
            _ => null,
        };

        var canonical = value is { } known ? (known ? "true" : "false") : null;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, canonical, canonical);
        if (value is null && !string.IsNullOrEmpty(first))
        {
            var shown = first.Length <= 40 ? first : first[..40] + "…";
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(shown, bindingContext.ModelMetadata.GetDisplayName()));
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(value);
        return Task.CompletedTask;
    }
}

/// <summary>Puts <see cref="LenientBooleanBinder"/> in front of the framework's binders for <c>bool</c> and <c>bool?</c>.</summary>
public sealed class LenientBooleanBinderProvider : IModelBinderProvider
{
    private static readonly LenientBooleanBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) && FromValueProviders(context.BindingInfo.BindingSource) ? Binder : null;

    /// <summary>Form, query and route values; a body or header bool keeps the framework's binder.</summary>
    private static bool FromValueProviders(BindingSource? source) =>
        source is null || source.CanAcceptDataFrom(BindingSource.Form) || source.CanAcceptDataFrom(BindingSource.Query) || source.CanAcceptDataFrom(BindingSource.Path);

    public static void Register(MvcOptions options) => options.ModelBinderProviders.Insert(0, new LenientBooleanBinderProvider());
}
