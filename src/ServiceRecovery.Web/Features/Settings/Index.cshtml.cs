using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.GettingStarted;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>Practice settings: managers for their practices, administrators for all of theirs.</summary>
[Authorize(Policy = AppPolicies.Manager)]
public sealed class IndexModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    /// <summary>The signed-in person at the practice shown, for which gesture limits they may change there.</summary>
    public ServiceRecovery.Domain.Actor Actor => user.ToActor(View.Practice.Id);

    [BindProperty(SupportsGet = true, Name = "practice")]
    public Guid? PracticeId { get; set; }

    public PracticeSettings.View View { get; private set; } = null!;

    [BindProperty] public ChangeLocale.Command Locale { get; set; } = new();
    [BindProperty] public SaveStageOrCategory.Command Item { get; set; } = new();
    [BindProperty] public SetDueTimes.Command Due { get; set; } = new();
    [BindProperty] public SetGestureLimits.Command Limits { get; set; } = new();
    [BindProperty] public SetReminders.Command Reminders { get; set; } = new();
    [BindProperty] public SetWelcomeGestures.Command Welcome { get; set; } = new();
    [BindProperty] public SetLetterSettings.Command Letters { get; set; } = new();
    [BindProperty] public SetSurveyInterval.Command Survey { get; set; } = new();
    [BindProperty] public SetWorkingDays.Command Complaints { get; set; } = new();

    public string? FailedForm { get; private set; }

    /// <summary>Where a test email would go, and the practice's latest one.</summary>
    public SendTestEmail.View TestEmail { get; private set; } = null!;

    /// <summary>The practice's getting-started checklist, dismissed or not.</summary>
    public GettingStartedChecklist.Checklist? Checklist { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var p = View.Practice;
        Locale = ChangeLocale.Command.From(p);
        Due = SetDueTimes.Command.From(p.DueTimes);
        Limits = SetGestureLimits.Command.From(p.GestureLimits);
        Reminders = SetReminders.Command.From(p.Reminders);
        Welcome = SetWelcomeGestures.Command.From(p);
        Letters = SetLetterSettings.Command.From(p);
        Survey = SetSurveyInterval.Command.From(p);
        Complaints = SetWorkingDays.Command.From(p);
        return Page();
    }

    public Task<IActionResult> OnPostLocaleAsync(CancellationToken ct) => SendAsync(Locale, nameof(Locale), "Practice details saved.", ct);
    public Task<IActionResult> OnPostItemAsync(CancellationToken ct) => SendAsync(Item, nameof(Item), $"{Item.Kind} saved.", ct);
    public Task<IActionResult> OnPostDueAsync(CancellationToken ct) => SendAsync(Due, nameof(Due), "Due times saved. They apply to cases opened from now on.", ct);
    public Task<IActionResult> OnPostLimitsAsync(CancellationToken ct) => SendAsync(Limits, nameof(Limits), "Gesture limits saved.", ct);
    public Task<IActionResult> OnPostRemindersAsync(CancellationToken ct) => SendAsync(Reminders, nameof(Reminders), "Reminder settings saved.", ct);
    public Task<IActionResult> OnPostLettersAsync(CancellationToken ct) => SendAsync(Letters, nameof(Letters), "Letter settings saved.", ct);
    public Task<IActionResult> OnPostWelcomeAsync(CancellationToken ct) => SendAsync(Welcome, nameof(Welcome), "Welcome-back gestures saved.", ct);
    public Task<IActionResult> OnPostSurveyAsync(CancellationToken ct) => SendAsync(Survey, nameof(Survey), "Survey setting saved.", ct);
    public Task<IActionResult> OnPostComplaintsAsync(CancellationToken ct) =>
        SendAsync(Complaints, nameof(Complaints), "Working days and complaint rules saved. Open formal complaints keep the rules they were marked under.", ct);

    public async Task<IActionResult> OnPostTestEmailAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SendTestEmail.Command(PracticeId ?? Guid.Empty), cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Flash("Test email queued. It is sent within a minute or so; this page and the getting-started checklist show when it has gone.");
            return RedirectToPage(null, null, new { practice = PracticeId }, "test-email-title");
        }

        FailedForm = "TestEmail";
        ShowErrors(result.Errors, "TestEmail");
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostShowChecklistAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RecordChecklistMark.Command(PracticeId ?? Guid.Empty, ChecklistMarkKind.ShownAgain), cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        Flash("The getting-started checklist is back on the home page.");
        return RedirectToPage(new { practice = PracticeId });
    }

    private Task<IActionResult> SendAsync(SettingsCommand command, string prefix, string success, CancellationToken cancellationToken)
    {
        command.PracticeId = PracticeId ?? Guid.Empty;
        FailedForm = prefix;
        return SendAsync(mediator, command, new Outcome<Mediator.Unit>
        {
            Subject = "practice",
            Prefix = prefix,
            Done = _ => Flashed(success, RedirectToPage(new { practice = command.PracticeId })),
            Reload = LoadAsync,
        }, cancellationToken);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await mediator.Send(new PracticeSettings.Query(PracticeId), cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        PracticeId = view.Practice.Id;
        TestEmail = await mediator.Send(new SendTestEmail.Query(view.Practice.Id), cancellationToken);
        Checklist = (await mediator.Send(new GettingStartedChecklist.Query(view.Practice.Id, IncludeDismissed: true), cancellationToken)).SingleOrDefault();
        return true;
    }
}
