using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features;

/// <summary>What every page of ours shares: turning a command's failure into messages on the form.</summary>
public abstract class AppPageModel : PageModel
{
    /// <summary>Puts each field message beside its field (the command's property under <paramref name="prefix"/>).</summary>
    protected void ShowErrors(IEnumerable<FieldError> errors, string prefix)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(error.Field) ? "" : $"{prefix}.{error.Field}", error.Message);
        }
    }

    protected void Flash(string message) => TempData["Flash"] = message;
}
