namespace ServiceRecovery.Web.Features.Huddle;

/// <summary>What the panels partial renders: the board, and whether the viewer may press "Shared at today's huddle".</summary>
public sealed record BoardView(HuddleBoard.Board Board, bool CanShare)
{
    /// <summary>How often the board fetches fresh panels.</summary>
    public const int RefreshSeconds = 60;

    /// <summary>Responses of the board are never cached: they are live counts, and the display link's address is a secret.</summary>
    public static void NoStore(HttpResponse response) => response.Headers.CacheControl = "no-store";
}
