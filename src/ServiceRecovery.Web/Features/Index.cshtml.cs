using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Web.Features.GettingStarted;
using ServiceRecovery.Web.Features.Home;
using ServiceRecovery.Web.Features.WelcomeBacks;

namespace ServiceRecovery.Web.Features;

public sealed class IndexModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    public NewestOpenCases.Result Cases { get; private set; } = null!;

    /// <summary>Patients with a recent recovery booked today or tomorrow.</summary>
    public WelcomeBackList.Result WelcomeBack { get; private set; } = null!;

    /// <summary>Whether the person manages a practice: they are the one to connect the practice's appointments.</summary>
    public bool ManagesAPractice { get; private set; }

    /// <summary>The getting-started checklists of the practices the person manages that have not dismissed theirs.</summary>
    public IReadOnlyList<GettingStartedChecklist.Checklist> Checklists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Cases = await mediator.Send(new NewestOpenCases.Query(), cancellationToken);
        WelcomeBack = await mediator.Send(new WelcomeBackList.Query(), cancellationToken);
        ManagesAPractice = user.PracticesWhere(StaffRole.PracticeManager).Length > 0;
        // Front desk never sees the checklist, and its home page costs nothing more for it.
        if (ManagesAPractice)
        {
            Checklists = await mediator.Send(new GettingStartedChecklist.Query(), cancellationToken);
        }
    }

    public Task<IActionResult> OnPostLooksRightAsync(Guid practice, CancellationToken cancellationToken) =>
        MarkAsync(practice, ChecklistMarkKind.StagesLookRight, "Stages and categories marked as reviewed.", cancellationToken);

    public Task<IActionResult> OnPostDismissAsync(Guid practice, CancellationToken cancellationToken) =>
        MarkAsync(practice, ChecklistMarkKind.Dismissed, "Getting-started checklist dismissed. Settings can show it again.", cancellationToken);

    private async Task<IActionResult> MarkAsync(Guid practice, ChecklistMarkKind kind, string success, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RecordChecklistMark.Command(practice, kind), cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        Flash(success);
        return RedirectToPage();
    }
}
