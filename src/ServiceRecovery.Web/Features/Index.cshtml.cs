using Mediator;
using ServiceRecovery.Web.Features.Home;

namespace ServiceRecovery.Web.Features;

public sealed class IndexModel(IMediator mediator) : AppPageModel
{
    public NewestOpenCases.Result Cases { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Cases = await mediator.Send(new NewestOpenCases.Query(), cancellationToken);
}
