using ServiceRecovery.Web.Email;

namespace ServiceRecovery.Web.Features.Surveys;

/// <summary>
/// The patient's side of the recovery survey, at /survey/{token}: no one is signed in, so every query lifts the practice
/// filter and finds the one survey whose token hash matches. An unknown, forged, used or expired link is one answer: none.
/// </summary>
public static class AnswerSurvey
{
    /// <summary>A token from <see cref="SecretToken.New"/>: 43 characters of base64url. Anything else is refused before any query.</summary>
    public static bool IsPlausibleToken(string? token) =>
        token is { Length: SecretToken.Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    [PublicRequest("The recovery survey's page: found only by the hash of a single-use token, it shows the practice's name and the patient's first name; rate-limited per client address.")]
    public sealed record FormQuery(string? Token) : IQuery<Form?>;

    /// <summary>What the page shows: the minimum, the practice's name and the patient's first name.</summary>
    public sealed record Form(string PracticeName, string FirstName);

    public sealed class FormHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<FormQuery, Form?>
    {
        public async ValueTask<Form?> Handle(FormQuery query, CancellationToken cancellationToken)
        {
            if (!IsPlausibleToken(query.Token))
            {
                return null;
            }

            var hash = SecretToken.Hash(query.Token!);
            var now = clock.GetUtcNow();
            var found = await (
                    from s in db.Surveys.IgnoreQueryFilters().AsNoTracking()
                    join pr in db.Practices.IgnoreQueryFilters().AsNoTracking() on s.PracticeId equals pr.Id
                    join p in db.Patients.IgnoreQueryFilters().AsNoTracking() on s.PatientId equals p.Id
                    where s.TokenHash == hash && s.AnsweredAt == null && s.ExpiresAt > now
                    select new { PracticeName = pr.Name, p.DisplayName })
                .SingleOrDefaultAsync(cancellationToken);
            return found is null ? null : new Form(found.PracticeName, SurveyEmails.FirstName(found.DisplayName));
        }
    }

    public enum Outcome
    {
        Recorded = 1,

        /// <summary>The survey was answered already (a double click, the back button): nothing more is recorded.</summary>
        AlreadyAnswered = 2,
    }

    [PublicRequest("The recovery survey's answer: accepted only with the single-use token of an unanswered, unexpired survey; rate-limited per client address.")]
    public sealed class Command : IAppCommand<Outcome>
    {
        /// <summary>From the address, never from the form.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
        public string Token { get; set; } = "";

        [Display(Name = "The outcome was fair")]
        public int? OutcomeFair { get; set; }

        [Display(Name = "It was easy and quick")]
        public int? EasyAndQuick { get; set; }

        [Display(Name = "I was treated with respect")]
        public int? TreatedWithRespect { get; set; }

        [Display(Name = "How likely are you to recommend us to a friend?")]
        public int? Recommend { get; set; }

        [Display(Name = "Anything you would like to tell us?")]
        public string? Comment { get; set; }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock, EmailLinks links) : ICommandHandler<Command, CommandResult<Outcome>>
    {
        public async ValueTask<CommandResult<Outcome>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!IsPlausibleToken(command.Token))
            {
                return CommandResult<Outcome>.NotFound();
            }

            var now = clock.GetUtcNow();
            var hash = SecretToken.Hash(command.Token);
            var survey = await db.Surveys.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
            if (survey is null)
            {
                return CommandResult<Outcome>.NotFound();
            }

            if (survey.IsAnswered)
            {
                return CommandResult<Outcome>.Ok(Outcome.AlreadyAnswered);
            }

            if (survey.IsExpired(now))
            {
                return CommandResult<Outcome>.NotFound();
            }

            survey.Answer(command.OutcomeFair, command.EasyAndQuick, command.TreatedWithRespect, command.Recommend, command.Comment, now);
            var recoveryCase = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.Id == survey.CaseId, cancellationToken);
            recoveryCase.RecordSurveyAnswer(survey, now);
            if (survey.Low)
            {
                await AlertAsync(survey, recoveryCase, now, cancellationToken);
            }

            return CommandResult<Outcome>.Ok(Outcome.Recorded);
        }

        /// <summary>The case's owner and the practice's managers, each once: the reference and a link, nothing about the patient.</summary>
        private async Task AlertAsync(RecoverySurvey survey, RecoveryCase recoveryCase, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var practiceName = await db.Practices.IgnoreQueryFilters().Where(p => p.Id == survey.PracticeId).Select(p => p.Name).SingleAsync(cancellationToken);
            var recipients = await (
                    from m in db.Memberships.IgnoreQueryFilters()
                    join u in db.Users on m.UserId equals u.Id
                    where m.PracticeId == survey.PracticeId && u.IsActive && u.Email != null
                          && (m.Role == StaffRole.PracticeManager || m.Role == StaffRole.Administrator || u.Id == recoveryCase.OwnerId)
                    select new { u.Id, u.Email })
                .ToListAsync(cancellationToken);
            foreach (var recipient in recipients.DistinctBy(r => r.Id))
            {
                db.Outbox.Add(SurveyEmails.LowAnswer(survey, recoveryCase.Reference, practiceName, recipient.Id, recipient.Email!, links.Case(recoveryCase.Id), now));
            }
        }
    }
}
