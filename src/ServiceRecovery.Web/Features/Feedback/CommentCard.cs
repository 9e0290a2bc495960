using ServiceRecovery.Web.CaseOpening;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Feedback;

/// <summary>
/// The public comment card: a patient, not signed in, tells a practice how the visit went. Nobody is signed in, so
/// the practice filter would hide everything: every query here lifts it and names the one practice the address
/// (its slug) chose, as the huddle display link does.
/// </summary>
public static class CommentCard
{
    /// <summary>A slug is lower-case letters, digits and dashes; anything else is refused before any query.</summary>
    public static bool IsPlausibleSlug(string? slug) =>
        slug is { Length: > 0 and <= Limits.Name } && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>What the card shows: the practice's name and its current stages in order. Null for an unknown address.</summary>
    [PublicRequest("The patients' comment card: it shows only the practice's name and stages, and sending it is rate-limited per client address.")]
    public sealed record CardQuery(string? Slug) : IQuery<Card?>;

    /// <param name="AcknowledgeWithin">How soon the practice acknowledges a formal complaint ("3 working days"); null without a complaint profile.</param>
    public sealed record Card(Guid PracticeId, string PracticeName, PracticeLocale Locale, IReadOnlyList<Stage> Stages, string? AcknowledgeWithin = null);

    public sealed record Stage(Guid Id, string Name);

    public sealed class CardHandler(AppDbContext db) : IQueryHandler<CardQuery, Card?>
    {
        public async ValueTask<Card?> Handle(CardQuery query, CancellationToken cancellationToken)
        {
            var slug = query.Slug?.ToLowerInvariant();
            if (!IsPlausibleSlug(slug))
            {
                return null;
            }

            var practice = await db.Practices.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.Slug == slug && p.ArchivedAt == null)
                .Select(p => new { p.Id, p.Name, p.TimeZoneId, p.Culture, p.Currency, p.ComplaintProfileId, p.HolidayRegion, p.AcknowledgeWithin, p.RespondWithin })
                .SingleOrDefaultAsync(cancellationToken);
            if (practice is null)
            {
                return null;
            }

            var stages = await db.Stages.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.PracticeId == practice.Id && s.RetiredAt == null)
                .OrderBy(s => s.Position)
                .Select(s => new Stage(s.Id, s.Name))
                .ToListAsync(cancellationToken);
            var acknowledge = practice.ComplaintProfileId is { } profile
                ? new ComplaintSettings(profile, practice.HolidayRegion, practice.AcknowledgeWithin, practice.RespondWithin).Rules().Acknowledge.Words()
                : null;
            return new Card(practice.Id, practice.Name, new PracticeLocale(practice.TimeZoneId, practice.Culture, practice.Currency), stages, acknowledge);
        }
    }

    /// <summary>What the patient may send. Nothing here is trusted: the validator and the handler check every field.</summary>
    [PublicRequest("The patients' comment card opens a case as the comment card, never as a person; posts are rate-limited per client address and each rendered card opens one case.")]
    public sealed class Command : IAppCommand<Sent>
    {
        /// <summary>From the address, never from the form.</summary>
        public string Slug { get; set; } = "";

        [Display(Name = "How was your visit?")]
        public CommentCardRating? Rating { get; set; }

        /// <summary>Empty when the patient is not sure which part of the visit it was.</summary>
        [Display(Name = "Which part of your visit?")]
        public Guid? StageId { get; set; }

        [Display(Name = "Day of your visit")]
        public DateOnly? VisitDate { get; set; }

        [Display(Name = "What happened?")]
        public string? Description { get; set; }

        [Display(Name = "May we contact you about this?")]
        public bool? MayContact { get; set; }

        [Display(Name = "Your name")]
        public string? Name { get; set; }

        [Display(Name = "Phone")]
        public string? Phone { get; set; }

        [Display(Name = "Email")]
        public string? Email { get; set; }

        /// <summary>The patient ticked "I want to make a formal complaint": the case it opens is marked as one at once.</summary>
        [Display(Name = "I want to make a formal complaint")]
        public bool FormalComplaint { get; set; }

        /// <summary>
        /// From the card's form token (<see cref="CardForms"/>), never from the form: a double tap, a retry or a
        /// replay of one rendered card opens one case.
        /// </summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
        public Guid IdempotencyKey { get; set; }
    }

    /// <summary>What the thank-you page may say about the card: whether the patient asked for a formal complaint and whether it is marked.</summary>
    public enum Sent
    {
        /// <summary>No formal complaint was asked for.</summary>
        Card = 1,

        /// <summary>Asked for, and the case is marked as a formal complaint on the practice's rules.</summary>
        FormalComplaint,

        /// <summary>Asked for, but the practice has no complaint profile yet: recorded for staff to mark.</summary>
        FormalComplaintRequested,
    }

    /// <summary>The card is written by patients: shorter limits than staff forms, and words they would use.</summary>
    public const int MaxDescription = 2000;

    /// <summary>How far back a visit may be (the domain's rule).</summary>
    public const int MaxDaysAgo = ServiceDefect.CommentCardMaxDaysAgo;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rating).NotNull().WithMessage("Choose how your visit was.")
                .IsInEnum().WithMessage("Choose how your visit was.");
            RuleFor(c => c.Description).NotEmpty().WithMessage("Tell us what happened.")
                .MaximumLength(MaxDescription).WithMessage($"Please keep it to {MaxDescription} characters.")
                .Must(FormText.IsPrintableMultiline).WithMessage("What happened contains characters we cannot take; please retype it.");
            RuleFor(c => c.MayContact).NotNull().WithMessage("Tell us whether we may contact you.");
            When(c => c.MayContact == true, ContactRules);
            RuleFor(c => c.IdempotencyKey).NotEmpty().WithMessage("This card has expired; please reload the page and try again.");
        }

        private void ContactRules()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(ContactWording.Patient.NameRequired)
                .MaximumLength(Limits.Name).WithMessage($"Please keep your name to {Limits.Name} characters.")
                .Must(FormText.IsPrintable).WithMessage("Your name contains characters we cannot take; please retype it.");
            RuleFor(c => c.Phone).Must(FormText.IsPhone!).When(c => !string.IsNullOrWhiteSpace(c.Phone))
                .WithMessage("Enter a phone number of 6 to 15 digits; spaces, +, ( ) and - are fine.");
            RuleFor(c => c.Email).MaximumLength(Limits.Email).WithMessage($"Please keep your email address to {Limits.Email} characters.")
                .EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email)).WithMessage("Enter an email address like name@example.com.")
                .Must(FormText.IsPrintable).WithMessage("Your email address contains characters we cannot take; please retype it.");
            // The domain's rule (PatientContact), shown here too so it stands beside the card's other messages.
            RuleFor(c => c.Phone).Must((c, _) => PatientContact.IsReachable(c.Phone, c.Email))
                .WithMessage(ContactWording.Patient.NeedsAWayToReach);
        }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, CommandResult<Sent>>
    {
        public async ValueTask<CommandResult<Sent>> Handle(Command command, CancellationToken cancellationToken)
        {
            var slug = command.Slug.ToLowerInvariant();
            if (!IsPlausibleSlug(slug))
            {
                return CommandResult<Sent>.NotFound();
            }

            var practice = await db.Practices.IgnoreQueryFilters()
                .Include(p => p.Stages)
                .SingleOrDefaultAsync(p => p.Slug == slug && p.ArchivedAt == null, cancellationToken);
            if (practice is null)
            {
                return CommandResult<Sent>.NotFound();
            }

            // A public form never finds, shows or joins an existing patient: one who may be contacted is always a new record.
            var patient = command.MayContact == true
                ? new CasePatient.New(new PatientContact(command.Name, command.Phone, command.Email))
                : (CasePatient)new CasePatient.Anonymous();
            var details = new DefectDetails(command.StageId, null, default, DefectChannel.CommentCard, null, command.Description!);
            var card = new Opener.CommentCard(command.Rating!.Value, command.VisitDate, command.FormalComplaint);

            // A second submit of the same card opens nothing more, and marks nothing more: the patient sees the same thank-you either way.
            var opened = await CaseOpener.OpenAsync(db, practice, details, patient, card, command.IdempotencyKey, clock.GetUtcNow(), cancellationToken);
            var sent = !command.FormalComplaint ? Sent.Card : opened.FormalComplaint ? Sent.FormalComplaint : Sent.FormalComplaintRequested;
            return CommandResult<Sent>.Ok(sent);
        }
    }
}
