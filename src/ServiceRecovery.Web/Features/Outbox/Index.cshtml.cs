using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Outbox;

[Authorize(Policy = AppPolicies.Administrator)]
public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = nameof(Filter))]
    public OutboxMessages.Filter Filter { get; set; } = new();

    public OutboxMessages.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await mediator.Send(new OutboxMessages.Query(Filter), cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        return await ShowAsync(await mediator.Send(new ResendEmail.Command(id), cancellationToken), new Outcome<Mediator.Unit>
        {
            Subject = "email",
            Done = _ => Flashed("The email is queued to send again; this page shows its status.",
                RedirectToPage(new Dictionary<string, string?> { ["Filter.Status"] = Filter.Status?.ToString() })),
            Reload = async ct =>
            {
                Result = await mediator.Send(new OutboxMessages.Query(Filter), ct);
                return true;
            },
        }, cancellationToken);
    }

    public Dictionary<string, string> PageRoute(int page) => new()
    {
        ["Filter.Status"] = Filter.Status?.ToString() ?? "",
        ["Filter.Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
