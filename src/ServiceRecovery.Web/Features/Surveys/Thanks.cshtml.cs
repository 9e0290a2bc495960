namespace ServiceRecovery.Web.Features.Surveys;

/// <summary>The same thank-you after every answer (and after a second post of one): nothing about the case or the practice.</summary>
public sealed class ThanksModel : AppPageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
