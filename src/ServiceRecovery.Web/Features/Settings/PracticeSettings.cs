using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Settings;

/// <summary>The settings of one practice: locale, journey stages, categories, step due times, gesture limits, reminders.</summary>
public static class PracticeSettings
{
    public static readonly IReadOnlyList<string> Cultures = ["en-AU", "en-NZ", "en-GB", "en-IE", "en-US", "en-CA"];
    public static readonly IReadOnlyList<string> Currencies = ["AUD", "NZD", "GBP", "EUR", "USD", "CAD"];

    /// <summary>One practice the person manages (their first by name when none is given).</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record Query(Guid? PracticeId) : IQuery<View?>, ITargetsPractice
    {
        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed record View(Practice Practice, IReadOnlyList<Choice> Practices);

    public sealed record Choice(Guid Id, string Name);

    public sealed class Handler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, View?>
    {
        public async ValueTask<View?> Handle(Query query, CancellationToken cancellationToken)
        {
            var managed = user.PracticesWhere(StaffRole.PracticeManager);
            var practices = await db.Practices.AsNoTracking().Where(p => managed.Contains(p.Id)).OrderBy(p => p.Name).Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);
            var id = query.PracticeId ?? (practices.Count > 0 ? practices[0].Id : Guid.Empty);
            var practice = await db.Practices.AsNoTracking().AsSplitQuery().Include(p => p.Stages).Include(p => p.Categories)
                .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            return practice is null ? null : new View(practice, practices);
        }
    }

    /// <summary>Every settings form carries the practice and the version it was built from.</summary>
    [Requires(StaffRole.PracticeManager)]
    public abstract class SettingsCommand : IAppCommand<Unit>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }
        public Guid Version { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;
    }

    public sealed class Locale : SettingsCommand
    {
        [Display(Name = "Practice name")] public string? Name { get; set; }
        [Display(Name = "Time zone")] public string? TimeZoneId { get; set; }
        [Display(Name = "Culture")] public string? Culture { get; set; }
        [Display(Name = "Currency")] public string? Currency { get; set; }
    }

    public sealed class LocaleValidator : AbstractValidator<Locale>
    {
        public LocaleValidator()
        {
            RuleFor(c => c.Name).ShortText("the practice name", Limits.Name);
            RuleFor(c => c.TimeZoneId).Must(id => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)).WithMessage("Choose a time zone from the list.");
            RuleFor(c => c.Culture).Must(c => c is not null && Cultures.Contains(c)).WithMessage("Choose a culture from the list.");
            RuleFor(c => c.Currency).Must(c => c is not null && Currencies.Contains(c)).WithMessage("Choose a currency from the list.");
        }
    }

    public sealed class StageOrCategory : SettingsCommand
    {
        /// <summary>Add, Rename, Retire, Up or Down.</summary>
        public string? Action { get; set; }

        /// <summary>Stage or Category.</summary>
        public string? Kind { get; set; }

        public Guid? ItemId { get; set; }

        [Display(Name = "Name")] public string? Name { get; set; }
    }

    public sealed class StageOrCategoryValidator : AbstractValidator<StageOrCategory>
    {
        public StageOrCategoryValidator()
        {
            RuleFor(c => c.Kind).Must(k => k is "Stage" or "Category").WithMessage("Choose a stage or a category.");
            RuleFor(c => c.Action).Must(a => a is "Add" or "Rename" or "Retire" or "Up" or "Down").WithMessage("Choose what to do.");
            RuleFor(c => c.Name).ShortText("a name", Limits.Name).When(c => c.Action is "Add" or "Rename");
            RuleFor(c => c.ItemId).NotEmpty().WithMessage("Choose the stage or category.").When(c => c.Action is not "Add");
        }
    }

    public sealed class DueTimes : SettingsCommand
    {
        [Display(Name = "Say sorry (hours)")] public int? SaySorry { get; set; }
        [Display(Name = "Expedite solutions (hours)")] public int? Expedite { get; set; }
        [Display(Name = "Respond (hours)")] public int? Respond { get; set; }
        [Display(Name = "Victory (hours)")] public int? Victory { get; set; }
        [Display(Name = "Implement improvements (hours)")] public int? Improve { get; set; }
        [Display(Name = "Communicate results (hours)")] public int? Communicate { get; set; }
        [Display(Name = "Extend the outcome (hours)")] public int? Extend { get; set; }

        public IEnumerable<(string Field, int? Hours)> All =>
            [(nameof(SaySorry), SaySorry), (nameof(Expedite), Expedite), (nameof(Respond), Respond), (nameof(Victory), Victory),
             (nameof(Improve), Improve), (nameof(Communicate), Communicate), (nameof(Extend), Extend)];
    }

    public sealed class DueTimesValidator : AbstractValidator<DueTimes>
    {
        public DueTimesValidator()
        {
            foreach (var rule in new[] { RuleFor(c => c.SaySorry), RuleFor(c => c.Expedite), RuleFor(c => c.Respond), RuleFor(c => c.Victory),
                         RuleFor(c => c.Improve), RuleFor(c => c.Communicate), RuleFor(c => c.Extend) })
            {
                rule.NotNull().WithMessage("Enter a number of hours.").InclusiveBetween(1, 366 * 24).WithMessage("Enter between 1 and 8784 hours (a year).");
            }
        }
    }

    public sealed class GestureLimits : SettingsCommand
    {
        [Display(Name = "Front desk limit")] public decimal? FrontDesk { get; set; }
        [Display(Name = "Practice manager limit")] public decimal? PracticeManager { get; set; }
        [Display(Name = "Administrator limit")] public decimal? Administrator { get; set; }
    }

    public sealed class GestureLimitsValidator : AbstractValidator<GestureLimits>
    {
        public GestureLimitsValidator()
        {
            foreach (var rule in new[] { RuleFor(c => c.FrontDesk), RuleFor(c => c.PracticeManager), RuleFor(c => c.Administrator) })
            {
                rule.InclusiveBetween(0, Limits.MaxGestureAmount).WithMessage($"Enter an amount from 0 to {Limits.MaxGestureAmount:N0}, or leave it empty for no limit.")
                    .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("Enter dollars and cents, e.g. 100 or 99.50.");
            }
        }
    }

    public sealed class Reminders : SettingsCommand
    {
        [Display(Name = "Send the daily digest at")] public int? DigestHour { get; set; }
        [Display(Name = "Case owners get their steps due today and overdue")] public bool OwnersGetDigest { get; set; }
        [Display(Name = "Managers get overdue cases and gestures awaiting approval")] public bool ManagersGetDigest { get; set; }
        [Display(Name = "Email the owner and the managers at once when Say sorry is overdue")] public bool EscalateOverdueApology { get; set; }
    }

    public sealed class RemindersValidator : AbstractValidator<Reminders>
    {
        public RemindersValidator() =>
            RuleFor(c => c.DigestHour).NotNull().WithMessage("Choose the hour for the daily digest.")
                .InclusiveBetween(0, 23).WithMessage("Choose an hour from the list.");
    }

    /// <summary>Loads the practice (within the user's practices, at the form's version), applies the change, audits it.</summary>
    public abstract class SettingsHandler<TCommand>(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : ICommandHandler<TCommand, CommandResult<Unit>>
        where TCommand : SettingsCommand
    {
        /// <summary>The getting-started checklist's fact a save of this form establishes, if any.</summary>
        protected virtual ChecklistMarkKind? Marks => null;

        protected ICurrentUser User { get; } = user;

        public async ValueTask<CommandResult<Unit>> Handle(TCommand command, CancellationToken cancellationToken)
        {
            var practice = await db.Practices.AsSplitQuery().Include(p => p.Stages).Include(p => p.Categories)
                .SingleOrDefaultAsync(p => p.Id == command.PracticeId, cancellationToken);
            if (practice is null)
            {
                return CommandResult<Unit>.NotFound();
            }

            if (practice.Version != command.Version)
            {
                return CommandResult<Unit>.Conflicted(new ConcurrencyConflict("another manager", clock.GetUtcNow()));
            }

            db.Entry(practice).Property(p => p.Version).OriginalValue = command.Version;
            var what = Apply(practice, command, clock.GetUtcNow());
            audit.Add(AuditKind.SettingsChanged, practice.Id, $"{practice.Name}: {what}");
            if (Marks is { } mark)
            {
                db.ChecklistMarks.Add(ChecklistMark.Record(practice.Id, mark, User.ToActor(practice.Id), clock.GetUtcNow()));
            }

            return CommandResult<Unit>.Ok(Unit.Value);
        }

        /// <summary>Applies the change and says, for the audit log, what changed.</summary>
        protected abstract string Apply(Practice practice, TCommand command, DateTimeOffset now);
    }

    public sealed class LocaleHandler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Locale>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Locale command, DateTimeOffset now)
        {
            practice.Rename(command.Name!);
            practice.ChangeLocale(command.TimeZoneId!, command.Culture!, command.Currency!);
            return $"name, time zone ({command.TimeZoneId}), culture ({command.Culture}) and currency ({command.Currency}) saved";
        }
    }

    public sealed class StageOrCategoryHandler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<StageOrCategory>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, StageOrCategory command, DateTimeOffset now)
        {
            var id = command.ItemId ?? Guid.Empty;
            if (command.Kind == "Stage")
            {
                switch (command.Action)
                {
                    case "Add": practice.AddStage(command.Name!); return $"stage {command.Name!.Trim()} added";
                    case "Rename": var old = practice.Stage(id).Name; practice.Stage(id).Rename(command.Name!); return $"stage {old} renamed {command.Name!.Trim()}";
                    case "Retire": practice.Stage(id).Retire(now); return $"stage {practice.Stage(id).Name} retired";
                    default: practice.MoveStage(id, command.Action == "Up" ? -1 : 1); return $"stage {practice.Stage(id).Name} moved {command.Action!.ToLowerInvariant()}";
                }
            }

            switch (command.Action)
            {
                case "Add": practice.AddCategory(command.Name!); return $"category {command.Name!.Trim()} added";
                case "Rename": var old = practice.Category(id).Name; practice.Category(id).Rename(command.Name!); return $"category {old} renamed {command.Name!.Trim()}";
                case "Retire": practice.Category(id).Retire(now); return $"category {practice.Category(id).Name} retired";
                default: throw new DomainRuleException("Categories are listed in the order they were added.");
            }
        }
    }

    public sealed class DueTimesHandler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<DueTimes>(db, audit, clock, user)
    {
        protected override ChecklistMarkKind? Marks => ChecklistMarkKind.LimitsSaved;

        protected override string Apply(Practice practice, DueTimes command, DateTimeOffset now)
        {
            var minutes = command.All.Select(a => a.Hours!.Value * 60).ToArray();
            practice.ChangeDueTimes(new StepDueTimes(minutes[0], minutes[1], minutes[2], minutes[3], minutes[4], minutes[5], minutes[6]));
            return "step due times changed (hours: " + string.Join(", ", command.All.Select(a => a.Hours!.Value.ToString(CultureInfo.InvariantCulture))) + ")";
        }
    }

    public sealed class RemindersHandler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Reminders>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Reminders command, DateTimeOffset now)
        {
            practice.ChangeReminders(new ReminderSettings(command.DigestHour!.Value, command.OwnersGetDigest, command.ManagersGetDigest, command.EscalateOverdueApology));
            static string OnOff(bool on) => on ? "on" : "off";
            return $"reminders changed: digest at {command.DigestHour:00}:00, owners {OnOff(command.OwnersGetDigest)}, managers {OnOff(command.ManagersGetDigest)}, "
                   + $"overdue-apology escalation {OnOff(command.EscalateOverdueApology)}";
        }
    }

    /// <summary>
    /// Each limit is changed only by a role above it (see <see cref="Domain.GestureLimits.MayChange"/>); the form posts the
    /// limits the user may not change unchanged, and a changed one is refused with the rule. Audited with old and new values.
    /// </summary>
    public sealed class GestureLimitsHandler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<GestureLimits>(db, audit, clock, user)
    {
        protected override ChecklistMarkKind? Marks => ChecklistMarkKind.LimitsSaved;

        protected override string Apply(Practice practice, GestureLimits command, DateTimeOffset now)
        {
            var changes = practice.ChangeGestureLimits(new Domain.GestureLimits(command.FrontDesk, command.PracticeManager, command.Administrator), User.ToActor(practice.Id));
            static string Show(decimal? limit) => limit?.ToString("0.00", CultureInfo.InvariantCulture) ?? "no limit";
            return changes.Count == 0
                ? "gesture limits saved unchanged"
                : "gesture limits changed: " + string.Join(", ", changes.Select(c => $"{c.Role.Words().ToLowerInvariant()} {Show(c.Old)} → {Show(c.New)}"));
        }
    }
}
