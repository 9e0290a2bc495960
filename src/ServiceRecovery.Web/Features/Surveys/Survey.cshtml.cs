using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRecovery.Web.Features.Surveys;

/// <summary>
/// The recovery survey at /survey/{token}: public (allowed anonymously in Program.cs), rate-limited per client address as
/// the comment card is, in the card's phone-first layout. Every link that cannot be answered (unknown, forged, used,
/// expired) gets the one page <see cref="GoneMessage"/>, status 404, and nothing about why.
/// </summary>
[RequestSizeLimit(32 * 1024)]
[RequestFormLimits(ValueCountLimit = 16, ValueLengthLimit = 32 * 1024, KeyLengthLimit = 64)]
public sealed class SurveyModel(IMediator mediator) : AppPageModel
{
    public const string GoneMessage = "This survey link has been used or has expired";

    /// <summary>Tries of an answer that lost a race with a save of the same case by the practice team.</summary>
    private const int Attempts = 3;

    [BindProperty]
    public AnswerSurvey.Command Input { get; set; } = new();

    /// <summary>Null when the link cannot be answered: the page then says <see cref="GoneMessage"/>.</summary>
    public AnswerSurvey.Form? Form { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Form = await mediator.Send(new AnswerSurvey.FormQuery(token), cancellationToken);
        return Form is null ? Gone() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Input.Token = token;
        for (var attempt = 1; ; attempt++)
        {
            var result = await mediator.Send(Input, cancellationToken);
            if (result.IsNotFound)
            {
                return Gone();
            }

            if (result.Succeeded)
            {
                return RedirectToPage("/Surveys/Thanks");
            }

            if (result.Conflict is not null && attempt < Attempts)
            {
                // The practice saved the case at the same moment, or a second post of this form won: look again.
                continue;
            }

            Form = await mediator.Send(new AnswerSurvey.FormQuery(token), cancellationToken);
            if (Form is null)
            {
                return Gone();
            }

            // What was typed stays; each message beside its question.
            ShowErrors(result.Errors, nameof(Input));
            return Page();
        }
    }

    private PageResult Gone()
    {
        Form = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
