using System.Text;
using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Features.Notifications;

namespace ServiceRecovery.Web.Features.Letters;

/// <summary>
/// "Write to the patient" from the case: pick one of the practice's templates, fill it with the case's merge values, let the
/// person edit the words, then send them by email through the outbox or print them as a letter. Either way the words as
/// they went are recorded on the case (<see cref="RecoveryCase.RecordLetter"/>), in the same save as the email.
/// </summary>
public static class WriteToPatient
{
    /// <summary>What the compose page needs: the case, the practice's templates, and whether the patient may be emailed.</summary>
    [Requires(StaffRole.FrontDesk)]
    public sealed record Query(Guid CaseId) : IQuery<View?>, ITargetsCase
    {
        Guid ITargetsCase.TargetCaseId => CaseId;
    }

    /// <summary>A template to pick: its key (<see cref="TemplateKey"/>), name and words.</summary>
    public sealed record Choice(string Key, LetterKind Kind, string Name, string Subject, string Body);

    public sealed record View(
        Guid CaseId, string Reference, Guid Version, Guid PracticeId, string PracticeName, CaseStatus Status,
        IReadOnlyList<Choice> Templates, LetterFields Fields, string? PrintOnlyBecause, bool IsFormalComplaint = false)
    {
        public bool CanEmail => PrintOnlyBecause is null;
    }

    public sealed class QueryHandler(AppDbContext db, IMediator mediator) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await (from c in db.Cases.AsNoTracking()
                               join p in db.Practices on c.PracticeId equals p.Id
                               where c.Id == query.CaseId
                               select new { c.Id, c.Reference, c.Version, c.PracticeId, PracticeName = p.Name, c.Status, c.Defect.PatientId, c.ComplaintReceivedOn })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null || await mediator.Send(new LetterFieldsOfCase.Query(found.Id), cancellationToken) is not { } fields)
            {
                return null;
            }

            var email = found.PatientId is { } patientId
                ? await db.Patients.Where(p => p.Id == patientId).Select(p => p.Email).SingleOrDefaultAsync(cancellationToken)
                : null;
            var templates = await mediator.Send(new LetterTemplatesOf.Query(found.PracticeId), cancellationToken);
            return new View(found.Id, found.Reference, found.Version, found.PracticeId, found.PracticeName, found.Status,
                [.. templates.Select(t => new Choice(TemplateKey.Of(t), t.Kind, t.Name, t.Subject, t.Body))], fields,
                PrintOnlyBecause(found.PatientId is not null, email), found.ComplaintReceivedOn is not null);
        }
    }

    /// <summary>Why the page offers print only, in one line; null when the patient may be emailed.</summary>
    public static string? PrintOnlyBecause(bool hasPatient, string? email) =>
        !hasPatient ? "Print only: the patient did not ask to be contacted, so the case holds no address to email."
        : string.IsNullOrWhiteSpace(email) ? "Print only: the patient has no email address on record."
        : null;

    /// <summary>
    /// Which template a choice is: a stored template's current version id, or for the shipped words of a kind the practice
    /// has not saved yet, the kind's name (those words are stored as version 1 when first sent).
    /// </summary>
    public static class TemplateKey
    {
        public static string Of(LetterTemplatesOf.Row row) => row.VersionId is { } id ? id.ToString() : row.Kind.ToString();
    }

    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : EditCommand<Guid>, ICaseCommand
    {
        public Guid CaseId { get; set; }

        [Display(Name = "Template")]
        public string? TemplateKey { get; set; }

        [Display(Name = "What it is for")]
        public LetterPurpose Purpose { get; set; } = LetterPurpose.PersonalContact;

        [Display(Name = "Subject")]
        public string? Subject { get; set; }

        [Display(Name = "Text")]
        public string? Text { get; set; }

        /// <summary>Set by the button pressed: Send email or Print letter.</summary>
        public LetterChannel Channel { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.TemplateKey).NotEmpty().WithMessage("Choose a template.");
            RuleFor(c => c.Purpose).IsInEnum().WithMessage("Choose what the letter is for.");
            RuleFor(c => c.Channel).IsInEnum().WithMessage("Send the email or print the letter.");
            RuleFor(c => c.Subject).NotEmpty().WithMessage("Write the subject.")
                .MaximumLength(PatientLetter.SubjectLength).WithMessage(c => $"The subject is {c.Subject!.Length:N0} characters; keep it to {PatientLetter.SubjectLength:N0}.");
            RuleFor(c => c.Text).NotEmpty().WithMessage("Write the text.")
                .MaximumLength(PatientLetter.TextLength).WithMessage(c => $"The text is {c.Text!.Length:N0} characters; keep it to {PatientLetter.TextLength:N0}.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock, EmailLinks links) : ICommandHandler<Command, CommandResult<Guid>>
    {
        public async ValueTask<CommandResult<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var editing = await ForEdit.LoadAsync(db, db.Cases.Include(c => c.Defect).Include(c => c.Requests).Where(c => c.Id == command.CaseId), command.Version, c => c.Version,
                c => new ConcurrencyConflict(c.LastChangedByName, c.LastChangedAt), cancellationToken);
            if (!editing.Found(out var recoveryCase))
            {
                return editing.Refusal<Guid>();
            }

            var practice = await db.Practices.SingleAsync(p => p.Id == recoveryCase.PracticeId, cancellationToken);
            var actor = user.ToActor(practice.Id);
            var now = clock.GetUtcNow();
            if (await TemplateVersionAsync(command.TemplateKey!, practice.Id, actor, now, cancellationToken) is not { } version)
            {
                return CommandResult<Guid>.Invalid(nameof(Command.TemplateKey), "Choose one of the practice's templates.");
            }

            Func<PatientLetter, OutboxMessage>? email = null;
            if (command.Channel == LetterChannel.Email)
            {
                var patient = recoveryCase.Defect.PatientId is { } patientId
                    ? await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.Email, p.DisplayName }).SingleOrDefaultAsync(cancellationToken)
                    : null;
                if (PrintOnlyBecause(patient is not null, patient?.Email) is { } why)
                {
                    return CommandResult<Guid>.Invalid(nameof(Command.Channel), why);
                }

                email = letter => PatientLetterEmail.Create(letter, practice, patient!.Email!, links.CommentCard(practice.Slug), now);
            }

            var (recorded, message) = recoveryCase.RecordLetter(actor, command.Purpose, command.Channel, version, command.Subject!, command.Text!, email, now, practice);
            if (message is not null)
            {
                db.Outbox.Add(message);
            }

            return CommandResult<Guid>.Ok(recorded.Id);
        }

        /// <summary>The version the words came from: a stored version of this practice, or the shipped words of a kind, stored now.</summary>
        private async Task<LetterTemplateVersion?> TemplateVersionAsync(string key, Guid practiceId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (Guid.TryParse(key, out var versionId))
            {
                return await (from v in db.Set<LetterTemplateVersion>()
                              join t in db.LetterTemplates on v.TemplateId equals t.Id
                              where v.Id == versionId && t.PracticeId == practiceId
                              select v).SingleOrDefaultAsync(cancellationToken);
            }

            if (!Enum.TryParse<LetterKind>(key, out var kind) || kind == LetterKind.Custom || !Enum.IsDefined(kind))
            {
                return null;
            }

            var stored = await db.LetterTemplates.Include(t => t.Versions).Where(t => t.PracticeId == practiceId && t.Kind == kind && t.ArchivedAt == null)
                .OrderBy(t => t.LastSavedAt).FirstOrDefaultAsync(cancellationToken);
            if (stored is null)
            {
                var shipped = ShippedLetters.For(kind);
                stored = LetterTemplate.Create(practiceId, kind, shipped.Name, shipped.Subject, shipped.Body, actor, now);
                db.LetterTemplates.Add(stored);
            }

            return stored.Versions.Single(v => v.Id == stored.CurrentVersionId);
        }
    }
}

/// <summary>
/// A letter sent by email: the words as written, to the patient, from the practice's name with replies to its reply-to
/// address; plain text and HTML (every word encoded), and the practice's comment card at the foot. Holds the patient's
/// address and the words written to them, as the patient's record does; the sender logs its id only.
/// </summary>
public static class PatientLetterEmail
{
    public const string CardLine = "Tell us how we are doing, any time:";

    public static OutboxMessage Create(PatientLetter letter, Practice practice, string recipientAddress, Uri commentCard, DateTimeOffset now)
    {
        var text = new StringBuilder(letter.Text).AppendLine().AppendLine().AppendLine("--").Append(CardLine).Append(' ').AppendLine(commentCard.ToString());
        var html = new StringBuilder(LetterRenderer.ToHtml(letter.Text))
            .Append("<hr><p>").Append(System.Net.WebUtility.HtmlEncode(CardLine)).Append(" <a href=\"")
            .Append(System.Net.WebUtility.HtmlEncode(commentCard.ToString())).Append("\">")
            .Append(System.Net.WebUtility.HtmlEncode(commentCard.ToString())).Append("</a></p>");
        return OutboxMessage.Create(practice.Id, EmailKind.PatientLetter, $"patient-letter:{letter.Id:N}", null, recipientAddress,
            letter.Subject, text.ToString(), ReminderEmails.Wrap(html.ToString()), now, senderName: practice.Name, replyTo: practice.LetterReplyTo);
    }
}
