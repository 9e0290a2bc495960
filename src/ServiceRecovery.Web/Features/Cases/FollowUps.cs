using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Extend the outcome: plan a follow-up (date and method) and later record how it went.</summary>
public static class PlanFollowUp
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Planned for")]
        public DateOnly? PlannedFor { get; set; }

        [Display(Name = "How")]
        public FollowUpMethod Method { get; set; } = FollowUpMethod.Call;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.PlannedFor).NotNull().WithMessage("Enter the date of the follow-up.");
            RuleFor(c => c.Method).IsInEnum().WithMessage("Choose how to follow up.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var date = change.Command.PlannedFor!.Value;
            if (date < change.Today || date > change.Today.AddYears(1))
            {
                return new(Invalid(nameof(Command.PlannedFor), "Plan the follow-up for today or a day within the next year."));
            }

            change.Case.PlanFollowUp(change.Actor, date, change.Command.Method, change.Now);
            return Done();
        }
    }
}

public static class RecordFollowUpOutcome
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }
        public Guid FollowUpId { get; set; }

        [Display(Name = "Outcome")]
        public string? Outcome { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FollowUpId).NotEmpty().WithMessage("Choose a follow-up.");
            RuleFor(c => c.Outcome).LongText("how the follow-up went", Limits.Reason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.FollowUps);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RecordFollowUpOutcome(change.Command.FollowUpId, change.Actor, change.Command.Outcome!, change.Now);
            return Done();
        }
    }
}

/// <summary>The patient came back: with the other steps settled, this resolves the case.</summary>
public static class RecordReturn
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Returned on")]
        public DateOnly? ReturnedOn { get; set; }

        [Display(Name = "What for")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ReturnedOn).NotNull().WithMessage("Enter the date the patient came back.");
            RuleFor(c => c.Reason).ShortText("what the patient came back for", Limits.ShortText);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) => cases.Include(c => c.Defect);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var date = change.Command.ReturnedOn!.Value;
            if (date > change.Today)
            {
                return new(Invalid(nameof(Command.ReturnedOn), "The return date cannot be in the future."));
            }

            if (date < DateOnly.FromDateTime(change.Locale.ToLocal(change.Case.Defect.OccurredAt)))
            {
                return new(Invalid(nameof(Command.ReturnedOn), "The return date cannot be before the defect happened."));
            }

            change.Case.RecordReturn(change.Actor, date, change.Command.Reason!, change.Now, change.Today);
            return Done();
        }
    }
}
