using Microsoft.AspNetCore.Mvc;


namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The huddle board for signed-in staff (any role), one practice at a time (?practice=ID when they have several).
/// ?handler=Panels returns the panels alone, which huddle.js fetches every minute and swaps in place.
/// </summary>
public sealed class IndexModel(IMediator mediator, ICurrentUser user) : AppPageModel
{
    public HuddleBoard.Board Board { get; private set; } = null!;

    [BindProperty]
    public ShareLessons.Command Share { get; set; } = new();

    /// <summary>Whether the person manages the board's practice: for showing the share form only; the command checks again.</summary>
    public bool IsManager => user.RoleIn(Board.PracticeId) >= StaffRole.PracticeManager;

    public BoardView View => new(Board, IsManager);

    public string RefreshUrl => Url.Page("/Huddle/Index", "Panels", new { practice = Board.PracticeId })!;

    public async Task<IActionResult> OnGetAsync(Guid? practice, CancellationToken cancellationToken) =>
        await LoadAsync(practice, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPanelsAsync(Guid? practice, CancellationToken cancellationToken) =>
        await LoadAsync(practice, cancellationToken) ? Partial("_Panels", View) : NotFound();

    public async Task<IActionResult> OnPostShareAsync(Guid? practice, CancellationToken cancellationToken)
    {
        if (practice is null)
        {
            return NotFound();
        }

        Share.PracticeId = practice.Value;
        return await SendAsync(mediator, Share, new Outcome<int>
        {
            Subject = "board",
            Prefix = nameof(Share),
            // The board itself shows what was shared.
            Done = _ => Task.FromResult<IActionResult>(RedirectToPage(new { practice })),
            Reload = ct => LoadAsync(practice, ct),
        }, cancellationToken);
    }

    private async Task<bool> LoadAsync(Guid? practice, CancellationToken cancellationToken)
    {
        BoardView.NoStore(Response);
        var board = await mediator.Send(new HuddleBoard.Query(practice), cancellationToken);
        if (board is null)
        {
            return false;
        }

        Board = board;
        return true;
    }
}
