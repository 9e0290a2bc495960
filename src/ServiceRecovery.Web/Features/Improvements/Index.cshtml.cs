namespace ServiceRecovery.Web.Features.Improvements;

public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    public IReadOnlyList<PracticeImprovements.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await mediator.Send(new PracticeImprovements.ListQuery(), cancellationToken);
}
