using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Paperwire.SignedIn;

/// <summary>
/// Renders one partial view on its own, outside a page: the live parts of a shared page (a paper's discussion, its
/// collections, its authorship claims), which differ in too many ways per reader to keep every version.
/// </summary>
public sealed class LivePartials(ICompositeViewEngine views, ITempDataDictionaryFactory tempData, IModelMetadataProvider metadata)
{
    public async Task<string> RenderAsync(HttpContext context, string viewPath, object model)
    {
        var view = views.GetView(executingFilePath: null, viewPath, isMainPage: false).View
            ?? throw new InvalidOperationException($"No view at {viewPath}.");
        await using var writer = new StringWriter();
        var viewContext = new ViewContext(
            new ActionContext(context, context.GetRouteData(), new ActionDescriptor()),
            view,
            new ViewDataDictionary(metadata, new ModelStateDictionary()) { Model = model },
            tempData.GetTempData(context),
            writer,
            new HtmlHelperOptions());
        await view.RenderAsync(viewContext);
        return writer.ToString();
    }
}
