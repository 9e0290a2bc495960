using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRecovery.Web.Features;

/// <summary>
/// What every page of ours shares: sending a command and showing its outcome the one way (<see cref="SendAsync{T}"/>),
/// and turning a command's failure into messages on the form.
/// </summary>
public abstract class AppPageModel : PageModel
{
    /// <summary>Set when the user's save lost to someone else's; the error summary shows it as the one conflict message.</summary>
    public ConflictNotice? Conflict { get; private set; }

    /// <summary>The practice whose clock the conflict's time is told in; null on a page of several practices (the time is left out).</summary>
    public virtual PracticeLocale? ConflictLocale => null;

    /// <summary>
    /// Sends the command if the form bound cleanly (else shows the form again with what was typed), then shows the outcome
    /// (<see cref="ShowAsync{T}"/>).
    /// </summary>
    protected async Task<IActionResult> SendAsync<T>(ISender sender, IAppCommand<T> command, Outcome<T> outcome, CancellationToken cancellationToken) =>
        ModelState.IsValid
            ? await ShowAsync(await sender.Send(command, cancellationToken), outcome, cancellationToken)
            : await AgainAsync(outcome, cancellationToken);

    /// <summary>
    /// Shows a command's outcome the one way: done → <see cref="Outcome{T}.Done"/> (a flash and a redirect, as a rule);
    /// invalid → each message beside its field under <see cref="Outcome{T}.Prefix"/>, and the page again with what was typed;
    /// not found → 404 (or <see cref="Outcome{T}.Gone"/>); conflicted → the one conflict message over the latest.
    /// A refusal of the authorisation behaviour never gets here: it throws, and the access-denied filter answers 403.
    /// </summary>
    protected async Task<IActionResult> ShowAsync<T>(CommandResult<T> result, Outcome<T> outcome, CancellationToken cancellationToken)
    {
        if (result.IsNotFound)
        {
            return outcome.Gone is { } gone ? await gone() : NotFound();
        }

        if (result.Succeeded)
        {
            return await outcome.Done(result.Value!);
        }

        if (result.Conflict is { } conflict)
        {
            if (!outcome.KeepsInput)
            {
                // The form shows the latest, as the other person left it, rather than what this one was built from.
                ModelState.Clear();
            }

            Conflict = new ConflictNotice(outcome.Subject, conflict, outcome.KeepsInput);
        }

        ShowErrors(result.Errors, outcome.Prefix);
        return await AgainAsync(outcome, cancellationToken);
    }

    /// <summary>Puts each field message beside its field (the command's property under <paramref name="prefix"/>; null: the form as a whole).</summary>
    protected void ShowErrors(IEnumerable<FieldError> errors, string? prefix)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(error.Field) || prefix is null ? "" : $"{prefix}.{error.Field}", error.Message);
        }
    }

    protected void Flash(string message) => TempData["Flash"] = message;

    /// <summary>The usual end of a done command: a confirmation on the next page, and the redirect to it.</summary>
    protected Task<IActionResult> Flashed(string message, IActionResult next)
    {
        Flash(message);
        return Task.FromResult(next);
    }

    private async Task<IActionResult> AgainAsync<T>(Outcome<T> outcome, CancellationToken cancellationToken) =>
        await outcome.Reload(cancellationToken) ? Page() : NotFound();
}

/// <summary>What a page does with each outcome of a command it sends (<see cref="AppPageModel.ShowAsync{T}"/>).</summary>
public sealed class Outcome<T>
{
    /// <summary>What the command changes, in the conflict message: "This case was changed by …".</summary>
    public required string Subject { get; init; }

    /// <summary>The name the command is bound under (its form fields' prefix); null puts every message on the form as a whole.</summary>
    public string? Prefix { get; init; }

    /// <summary>When the command is done: as a rule a flash and a redirect (<c>Flashed</c>).</summary>
    public required Func<T, Task<IActionResult>> Done { get; init; }

    /// <summary>Loads again what the page shows; false when it is gone (404).</summary>
    public required Func<CancellationToken, Task<bool>> Reload { get; init; }

    /// <summary>
    /// After a conflict, whether the form keeps what the user typed (the default) or shows the latest as saved (a form whose
    /// every field is the current state of the thing, like a staff member's roles, or a row of a list).
    /// </summary>
    public bool KeepsInput { get; init; } = true;

    /// <summary>What to show instead of 404 when the thing is gone (a list that moves on without it).</summary>
    public Func<Task<IActionResult>>? Gone { get; init; }
}

/// <summary>
/// The one conflict message: who changed what and when, and what the page now shows. Every page that edits shows it the
/// same way, in the error summary.
/// </summary>
public sealed record ConflictNotice(string Subject, ConcurrencyConflict Conflict, bool KeptInput)
{
    /// <summary>"This case was changed by Mia at Tue 1 Dec 2026, 9:30 AM." — the time in the practice's clock when known.</summary>
    public string Headline(PracticeLocale? locale) =>
        Conflict.ChangedAt is { } at && locale is not null
            ? $"This {Subject} was changed by {Conflict.ChangedBy} at {locale.Format(at)}."
            : $"This {Subject} was changed by {Conflict.ChangedBy} while you were editing.";

    public string Advice => KeptInput
        ? "The page now shows the latest; what you typed is still in the form below. Check it and save again."
        : "The page now shows the latest; make your change again if it is still needed.";
}
