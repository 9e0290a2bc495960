using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Skip a step that does not apply, with the written reason.</summary>
public static class SkipStep
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Step")]
        public ServiceStep? Step { get; set; }

        [Display(Name = "Reason")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Step).NotNull().WithMessage("Choose the step to skip.").IsInEnum().WithMessage("Choose a SERVICE step from the list.");
            RuleFor(c => c.Reason).ShortText("the reason for skipping", Limits.Reason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Skip(change.Command.Step!.Value, change.Command.Reason!, change.Actor, change.Now);
            return Done();
        }
    }
}

/// <summary>Assign or reassign the owner: an active member of the practice, or nobody.</summary>
public static class AssignOwner
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Owner")]
        public string? OwnerId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.OwnerId).MaximumLength(450).WithMessage("Choose an owner from the list.");
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override async ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            var owner = await StaffDirectory.FindMemberAsync(change.Db, change.Case.PracticeId, change.Command.OwnerId, cancellationToken);
            if (!string.IsNullOrEmpty(change.Command.OwnerId) && owner is null)
            {
                return Invalid(nameof(Command.OwnerId), "Choose an owner from the practice's staff.");
            }

            change.Case.AssignOwner(owner?.Id, owner?.Name, change.Actor, change.Now);
            return null;
        }
    }
}

/// <summary>Withdraw a case logged in error or twice, with the reason.</summary>
public static class WithdrawCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Reason for withdrawing")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).ShortText("the reason for withdrawing", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Withdraw(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}

/// <summary>Front desk asks a practice manager to withdraw the case, with the reason; the case stays open until a manager decides.</summary>
public static class RequestWithdrawal
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Why withdraw it")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).ShortText("the reason for withdrawing", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RequestWithdrawal(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}

/// <summary>Front desk asks a practice manager to skip Say sorry, with the reason; the step stays due (and escalates) until then.</summary>
public static class RequestSkip
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Step")]
        public ServiceStep? Step { get; set; }

        [Display(Name = "Why skip it")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Step).NotNull().WithMessage("Choose the step to skip.").IsInEnum().WithMessage("Choose a SERVICE step from the list.");
            RuleFor(c => c.Reason).ShortText("the reason for skipping", Limits.Reason);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.RequestSkip(change.Command.Step!.Value, change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}

/// <summary>A practice manager (not the requester) approves a request, or declines it with a reason.</summary>
public static class DecideRequest
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }
        public Guid RequestId { get; set; }

        /// <summary>True to approve; false to decline.</summary>
        public bool Approve { get; set; }

        [Display(Name = "Reason, if declining")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RequestId).NotEmpty().WithMessage("Choose a request.");
            RuleFor(c => c.Reason).ShortText("the reason for declining", Limits.Reason).When(c => !c.Approve);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            if (change.Command.Approve)
            {
                change.Case.ApproveRequest(change.Command.RequestId, change.Actor, change.Now);
            }
            else
            {
                change.Case.DeclineRequest(change.Command.RequestId, change.Actor, change.Command.Reason!, change.Now);
            }

            return Done();
        }
    }
}

/// <summary>A practice manager brings a withdrawn case back to the queue, with the reason.</summary>
public static class ReinstateCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Reason for reinstating")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).ShortText("the reason for reinstating", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Reinstate(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}

/// <summary>A manager closes a resolved case after review.</summary>
public static class CloseCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Close(change.Actor, change.Now);
            return Done();
        }
    }
}

/// <summary>A manager reopens a closed case, with the reason.</summary>
public static class ReopenCase
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }

        [Display(Name = "Reason for reopening")]
        public string? Reason { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).ShortText("the reason for reopening", Limits.Reason);
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.Reopen(change.Actor, change.Command.Reason!, change.Now);
            return Done();
        }
    }
}

/// <summary>Correct the wording of a fix, a contact or a lesson; the original stays visible.</summary>
public static class CorrectRecord
{
    [Requires(StaffRole.FrontDesk)]
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }
        public Guid Version { get; set; }
        public Guid RecordId { get; set; }

        [Display(Name = "Corrected text")]
        public string? Text { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RecordId).NotEmpty().WithMessage("Choose the record to correct.");
            RuleFor(c => c.Text).LongText("the corrected text", Limits.Description);
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : CaseCommandHandler<Command>(db, user, clock)
    {
        protected override IQueryable<RecoveryCase> Include(IQueryable<RecoveryCase> cases) =>
            cases.Include(c => c.Fixes).Include(c => c.Contacts).Include(c => c.Lessons);

        protected override ValueTask<CommandResult<Unit>?> ApplyAsync(CaseChange<Command> change, CancellationToken cancellationToken)
        {
            change.Case.CorrectRecord(change.Command.RecordId, change.Command.Text!, change.Actor, change.Now);
            return Done();
        }
    }
}
