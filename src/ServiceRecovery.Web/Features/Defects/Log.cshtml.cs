using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Defects;

public sealed class LogModel(IMediator mediator, TimeProvider clock) : AppPageModel
{
    [BindProperty]
    public LogDefect.Command Input { get; set; } = new();

    public LogDefect.FormOptions Form { get; private set; } = null!;

    /// <summary>Existing patients found with "Find existing patient"; null until the user searches.</summary>
    public IReadOnlyList<LogDefect.PatientMatch>? Matches { get; private set; }

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

    /// <summary>Searches by what was typed in the patient fields, keeping everything else the user typed.</summary>
    public async Task<IActionResult> OnPostFindPatientAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new LogDefect.FormQuery(), cancellationToken);
        Matches = await mediator.Send(new LogDefect.FindPatients(Practice?.Id ?? Guid.Empty, Input.PatientName, Input.PatientPhone, Input.PatientEmail, Input.PatientPmsId), cancellationToken);
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.PatientId)}");
        Input.PatientId = null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The form's lists are read only when the form is shown again: a defect that is logged goes straight to its case.
        if (!ModelState.IsValid)
        {
            return await ShowAgainAsync(cancellationToken);
        }

        var result = await mediator.Send(Input, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result.Errors, nameof(Input));
            return await ShowAgainAsync(cancellationToken);
        }

        var created = result.Value!;
        Flash($"Case {created.Reference} opened. Say sorry next: it is due by {created.Locale.Format(created.SaySorryDueAt)}.");
        return Redirect($"/cases/{created.CaseId}");
    }

    /// <summary>The form again with everything the user typed and its messages.</summary>
    private async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new LogDefect.FormQuery(), cancellationToken);
        if (Input.PatientId is not null)
        {
            // Keep the chosen patient visible.
            Matches = await mediator.Send(new LogDefect.FindPatients(Practice?.Id ?? Guid.Empty, Input.PatientName, Input.PatientPhone, Input.PatientEmail, Input.PatientPmsId), cancellationToken);
        }

        return Page();
    }
}
