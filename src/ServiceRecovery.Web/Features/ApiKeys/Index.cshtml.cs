using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.ApiKeys;

/// <summary>Managers create the keys their practice-management system calls the API with, see when each was last used, and revoke them.</summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    public ApiKeyList.View List { get; private set; } = null!;

    [BindProperty]
    public CreateApiKey.Command Input { get; set; } = new();

    /// <summary>The whole key, only in the response to creating it: it is not stored and cannot be shown again.</summary>
    public string? NewKey { get; private set; }

    /// <summary>The key whose revocation waits for the manager's confirmation.</summary>
    public ApiKeyList.Key? Confirming { get; private set; }

    public override PracticeLocale? ConflictLocale => List?.Locale;

    public async Task<IActionResult> OnGetAsync(Guid? practice, Guid? revoke, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(practice, cancellationToken))
        {
            return NotFound();
        }

        Confirming = revoke is { } id ? List.Keys.SingleOrDefault(k => k.Id == id && k.RevokedAt is null) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid practice, CancellationToken cancellationToken)
    {
        Input.PracticeId = practice;
        return await SendAsync(mediator, Input, new Outcome<string>
        {
            Subject = "practice",
            Prefix = nameof(Input),
            // Shown in this response rather than after a redirect, so the key never travels in TempData or an address.
            Done = async secret =>
            {
                NewKey = secret;
                ModelState.Clear();
                Input = new CreateApiKey.Command();
                return await LoadAsync(practice, cancellationToken) ? Page() : NotFound();
            },
            Reload = ct => LoadAsync(practice, ct),
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid practice, Guid key, Guid version, CancellationToken cancellationToken)
    {
        var command = new RevokeApiKey.Command { PracticeId = practice, KeyId = key, Version = version };
        return await ShowAsync(await mediator.Send(command, cancellationToken), new Outcome<Unit>
        {
            Subject = "API key",
            KeepsInput = false,
            Done = _ => Flashed("API key revoked. Calls with it are refused from now on.", RedirectToPage(new { practice })),
            Reload = ct => LoadAsync(practice, ct),
        }, cancellationToken);
    }

    private async Task<bool> LoadAsync(Guid? practice, CancellationToken cancellationToken)
    {
        // The page may carry a new key: never cached, by the browser or anything between.
        Response.Headers.CacheControl = "no-store";
        var list = await mediator.Send(new ApiKeyList.Query(practice), cancellationToken);
        if (list is null)
        {
            return false;
        }

        List = list;
        return true;
    }
}
