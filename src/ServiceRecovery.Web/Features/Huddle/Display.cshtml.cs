using Microsoft.AspNetCore.Mvc;

namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>
/// The board through a display link, without signing in (allowed anonymously in Program.cs): one practice, found by
/// the token's hash; no navigation and no forms. An unknown, renewed-away or revoked token is a plain 404.
/// </summary>
public sealed class DisplayModel(IMediator mediator) : AppPageModel
{
    public HuddleBoard.Board Board { get; private set; } = null!;

    public BoardView View => new(Board, CanShare: false);

    public string RefreshUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPanelsAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Partial("_Panels", View) : NotFound();

    private async Task<bool> LoadAsync(string? token, CancellationToken cancellationToken)
    {
        BoardView.NoStore(Response);
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var board = await mediator.Send(new HuddleBoard.DisplayQuery(token), cancellationToken);
        if (board is null)
        {
            return false;
        }

        await mediator.Send(new RecordDisplayUse.Command(board.PracticeId, board.DisplayLinkIssuedAt), cancellationToken);
        Board = board;
        RefreshUrl = Url.Page("/Huddle/Display", "Panels", new { token })!;
        return true;
    }
}
