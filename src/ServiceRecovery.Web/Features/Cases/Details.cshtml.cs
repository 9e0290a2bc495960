using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// The case page: the defect, the seven steps with a form for each, the case's life, and the timeline.
/// Every form posts the case version it was built from (field "Version"), so a stale form cannot overwrite.
/// </summary>
public sealed class DetailsModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    public CaseDetails.View Case { get; private set; } = null!;

    /// <summary>The version the submitted form was built from.</summary>
    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty] public RecordApology.Command Apology { get; set; } = new();
    [BindProperty] public RecordFix.Command Fix { get; set; } = new();
    [BindProperty] public RecordContact.Command Contact { get; set; } = new();
    [BindProperty] public GiveGesture.Command Gesture { get; set; } = new();
    [BindProperty] public DecideGesture.Command Decision { get; set; } = new();
    [BindProperty] public LinkImprovement.Command Improvement { get; set; } = new();
    [BindProperty] public RecordLesson.Command Lesson { get; set; } = new();
    [BindProperty] public MarkLessonShared.Command Shared { get; set; } = new();
    [BindProperty] public PlanFollowUp.Command FollowUp { get; set; } = new();
    [BindProperty] public RecordFollowUpOutcome.Command FollowUpOutcome { get; set; } = new();
    [BindProperty] public RecordReturn.Command Return { get; set; } = new();
    [BindProperty] public PlanWelcomeBack.Command WelcomePlan { get; set; } = new();
    [BindProperty] public RecordWelcomeBack.Command Welcome { get; set; } = new();
    [BindProperty] public SkipStep.Command Skip { get; set; } = new();
    [BindProperty] public AssignOwner.Command Owner { get; set; } = new();
    [BindProperty] public WithdrawCase.Command Withdraw { get; set; } = new();
    [BindProperty] public CloseCase.Command Close { get; set; } = new();
    [BindProperty] public ReopenCase.Command Reopen { get; set; } = new();
    [BindProperty] public CorrectRecord.Command Correct { get; set; } = new();
    [BindProperty] public RequestWithdrawal.Command WithdrawalRequest { get; set; } = new();
    [BindProperty] public RequestSkip.Command SkipRequest { get; set; } = new();
    [BindProperty] public DecideRequest.Command RequestDecision { get; set; } = new();
    [BindProperty] public ReinstateCase.Command Reinstate { get; set; } = new();
    [BindProperty] public MarkFormalComplaint.Command Complaint { get; set; } = new();
    [BindProperty] public PauseComplaintClock.Command ComplaintPause { get; set; } = new();
    [BindProperty] public ResumeComplaintClock.Command ComplaintResume { get; set; } = new();
    [BindProperty] public RecordComplaintOutcome.Command ComplaintOutcome { get; set; } = new();

    public override ServiceRecovery.Domain.PracticeLocale? ConflictLocale => Case?.Locale;

    /// <summary>The form that failed, so the page can open its section.</summary>
    public string? FailedForm { get; private set; }

    /// <summary>
    /// Whether a step's section starts open: the one whose form just failed, otherwise the current step.
    /// </summary>
    public bool IsSectionOpen(ServiceRecovery.Domain.ServiceStep step)
    {
        var failedStep = StepBadges.StepOfForm(FailedForm);
        return failedStep == step || (failedStep is null && Case.Case.CurrentStep == step && Case.IsOpen);
    }

    /// <summary>
    /// Where a form of the page posts: the case's address, generated once per page, with the form's handler. The forms
    /// name it (<c>action</c>) instead of asking the form tag helper for <c>asp-page-handler</c>, which generated the
    /// whole address again for each of the page's twenty forms.
    /// </summary>
    public string HandlerUrl(string handler) => $"{caseUrl ??= Url.Page("/Cases/Details", new { id = Case.Id })}?handler={handler}";

    private string? caseUrl;

    /// <summary>
    /// Whether an option of one of the page's selects starts selected: the value posted in a failed submit, otherwise the
    /// form's own, as the option tag helper decides. The page writes its options as plain HTML (<c>&lt;!option&gt;</c>)
    /// because that tag helper cost about 0.8 KB per option, and the staff and improvement lists grow with the practice.
    /// </summary>
    public bool IsChosen(string field, string value, object? current)
    {
        var chosen = ModelState.TryGetValue(field, out var entry) && entry.AttemptedValue is { } attempted
            ? attempted
            : Convert.ToString(current, CultureInfo.InvariantCulture);
        return string.Equals(chosen, value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Wording a user typed into a correction form survives a failed submit; otherwise the record's own text.</summary>
    public string CorrectionText(Guid recordId, string current) =>
        Correct.RecordId == recordId && Correct.Text is { } typed ? typed : current;

    public const string LowSurveyReopenReason = "The recovery survey came back low";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var now = Case.Locale.ToLocalMinute(Case.Now);
        Apology.ApologisedBy = user.Name;
        Apology.ApologisedAt = now;
        Contact.ContactedAt = now;
        Shared.HuddleDate = Case.Today;
        Return.ReturnedOn = Case.Today;
        Complaint.ReceivedOn = Case.Today;
        ComplaintPause.PausedFrom = Case.Today;
        ComplaintResume.ResumedOn = Case.Today;
        if (Case.Complaint?.Complaint is { Finding: { } finding } kept)
        {
            ComplaintOutcome.Finding = finding;
            ComplaintOutcome.WentToEscalationBody = kept.WentToEscalationBody == true;
            ComplaintOutcome.EscalatedOn = kept.EscalatedOn;
        }

        FollowUp.PlannedFor = Case.Today.AddDays(7);
        Owner.OwnerId = Case.Case.OwnerId;
        if (Case.Survey is { Low: true })
        {
            // The manager's offer after a low survey: reopen with a note saying why.
            Reopen.Reason = LowSurveyReopenReason;
        }

        return Page();
    }

    public Task<IActionResult> OnPostApologyAsync(Guid id, CancellationToken ct) => SendAsync(id, Apology, nameof(Apology), "Apology recorded.", ct);
    public Task<IActionResult> OnPostFixAsync(Guid id, CancellationToken ct) => SendAsync(id, Fix, nameof(Fix), "Fix recorded.", ct);
    public Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken ct) => SendAsync(id, Contact, nameof(Contact), "Personal contact recorded.", ct);
    public Task<IActionResult> OnPostGestureAsync(Guid id, CancellationToken ct) => SendAsync(id, Gesture, nameof(Gesture), "Gesture recorded.", ct);
    public Task<IActionResult> OnPostDecisionAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, Decision, nameof(Decision), Decision.Approve ? "Gesture approved." : "Gesture declined.", ct);
    public Task<IActionResult> OnPostImprovementAsync(Guid id, CancellationToken ct) => SendAsync(id, Improvement, nameof(Improvement), "Improvement linked.", ct);
    public Task<IActionResult> OnPostLessonAsync(Guid id, CancellationToken ct) => SendAsync(id, Lesson, nameof(Lesson), "Lesson recorded.", ct);
    public Task<IActionResult> OnPostSharedAsync(Guid id, CancellationToken ct) => SendAsync(id, Shared, nameof(Shared), "Lesson marked as shared at the huddle.", ct);
    public Task<IActionResult> OnPostFollowUpAsync(Guid id, CancellationToken ct) => SendAsync(id, FollowUp, nameof(FollowUp), "Follow-up planned.", ct);
    public Task<IActionResult> OnPostFollowUpOutcomeAsync(Guid id, CancellationToken ct) => SendAsync(id, FollowUpOutcome, nameof(FollowUpOutcome), "Follow-up outcome recorded.", ct);
    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => SendAsync(id, Return, nameof(Return), "Patient's return recorded.", ct);
    public Task<IActionResult> OnPostWelcomePlanAsync(Guid id, CancellationToken ct) => SendAsync(id, WelcomePlan, nameof(WelcomePlan), "Welcome-back gesture chosen.", ct);
    public Task<IActionResult> OnPostWelcomeAsync(Guid id, CancellationToken ct) => SendAsync(id, Welcome, nameof(Welcome), "Welcome back recorded.", ct);
    public Task<IActionResult> OnPostSkipAsync(Guid id, CancellationToken ct) => SendAsync(id, Skip, nameof(Skip), "Step skipped.", ct);
    public Task<IActionResult> OnPostOwnerAsync(Guid id, CancellationToken ct) => SendAsync(id, Owner, nameof(Owner), "Owner changed.", ct);
    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => SendAsync(id, Withdraw, nameof(Withdraw), "Case withdrawn.", ct);
    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => SendAsync(id, Close, nameof(Close), "Case closed.", ct);
    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct) => SendAsync(id, Reopen, nameof(Reopen), "Case reopened.", ct);
    public Task<IActionResult> OnPostWithdrawalRequestAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, WithdrawalRequest, nameof(WithdrawalRequest), "Withdrawal requested. The case stays open until a practice manager decides.", ct);
    public Task<IActionResult> OnPostSkipRequestAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, SkipRequest, nameof(SkipRequest), "Skip requested. The step stays due until a practice manager decides.", ct);
    public Task<IActionResult> OnPostRequestDecisionAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, RequestDecision, nameof(RequestDecision), RequestDecision.Approve ? "Request approved." : "Request declined; the case goes on as before.", ct);
    public Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, Reinstate, nameof(Reinstate), "Case reinstated: it is open again and back in the queue.", ct);
    public Task<IActionResult> OnPostComplaintAsync(Guid id, CancellationToken ct) => SendAsync(id, Complaint, nameof(Complaint), "Marked as a formal complaint.", ct);
    public Task<IActionResult> OnPostComplaintPauseAsync(Guid id, CancellationToken ct) => SendAsync(id, ComplaintPause, nameof(ComplaintPause), "Complaint clock paused.", ct);
    public Task<IActionResult> OnPostComplaintResumeAsync(Guid id, CancellationToken ct) => SendAsync(id, ComplaintResume, nameof(ComplaintResume), "Complaint clock resumed.", ct);
    public Task<IActionResult> OnPostComplaintOutcomeAsync(Guid id, CancellationToken ct) => SendAsync(id, ComplaintOutcome, nameof(ComplaintOutcome), "Complaint outcome recorded.", ct);
    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) => SendAsync(id, Correct, nameof(Correct), "Correction recorded; the original stays on the case.", ct);

    private async Task<IActionResult> SendAsync<TCommand>(Guid id, TCommand command, string prefix, string success, CancellationToken cancellationToken)
        where TCommand : CaseCommand
    {
        command.CaseId = id;
        command.Version = Version;
        FailedForm = prefix;
        return await SendAsync(mediator, command, new Outcome<Unit>
        {
            Subject = "case",
            Prefix = prefix,
            Done = _ => Flashed(success, Redirect($"/cases/{id}")),
            Reload = ct => LoadAsync(id, ct),
        }, cancellationToken);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var view = await mediator.Send(new CaseDetails.Query(id), cancellationToken);
        if (view is null)
        {
            return false;
        }

        Case = view;
        // The forms carry the version of what is on screen now; after a conflict that is the fresh one.
        ModelState.Remove(nameof(Version));
        Version = view.Version;
        return true;
    }
}
