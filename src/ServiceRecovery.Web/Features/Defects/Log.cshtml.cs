using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Defects;

public sealed class LogModel(IMediator mediator, TimeProvider clock) : AppPageModel
{
    [BindProperty]
    public LogDefect.Command Input { get; set; } = new();

    public LogDefect.FormOptions Form { get; private set; } = null!;

    public LogDefect.PracticeOption? Practice => Form.Practices.FirstOrDefault(p => p.Id == Input.PracticeId) ?? (Form.Practices.Count > 0 ? Form.Practices[0] : null);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new LogDefect.FormQuery(), cancellationToken);
        if (Form.Practices.Count > 0)
        {
            var practice = Form.Practices[0];
            Input.PracticeId = practice.Id;
            Input.OccurredAt = practice.Locale.ToLocalMinute(clock.GetUtcNow());
        }

        Input.IdempotencyKey = Guid.NewGuid();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new LogDefect.FormQuery(), cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await mediator.Send(Input, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result.Errors, nameof(Input));
            return Page();
        }

        Flash($"Case {result.Value!.Reference} opened. Say sorry next: it is due within the hour.");
        return Redirect($"/cases/{result.Value.CaseId}");
    }
}
