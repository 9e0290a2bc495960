using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Say sorry: record who apologised, how and when.</summary>
public static class RecordApology
{
    public sealed class Command : IAppCommand<Unit>, ICaseCommand
    {
        public Guid CaseId { get; set; }

        public Guid Version { get; set; }

        [Display(Name = "Who apologised")]
        public string? ApologisedBy { get; set; }

        [Display(Name = "How")]
        public ApologyMethod Method { get; set; } = ApologyMethod.InPerson;

        /// <summary>Wall-clock time at the practice.</summary>
        [Display(Name = "When")]
        public DateTime? ApologisedAt { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ApologisedBy).NotEmpty().WithMessage("Enter who apologised.")
                .MaximumLength(Limits.Name).WithMessage($"Enter a name of at most {Limits.Name} characters.")
                .Must(FormText.IsPrintable).WithMessage("The name contains characters that cannot be used.");
            RuleFor(c => c.Method).IsInEnum().WithMessage("Choose how the apology was made.");
            RuleFor(c => c.ApologisedAt).NotNull().WithMessage("Enter when the apology was made.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CommandResult<Unit>>
    {
        public async ValueTask<CommandResult<Unit>> Handle(Command command, CancellationToken cancellationToken)
        {
            var loaded = await CaseEditing.LoadAsync(db, command, q => q.Include(c => c.Defect).Include(c => c.Apologies), cancellationToken);
            if (!loaded.Found(out var recoveryCase, out var failure))
            {
                return failure;
            }

            var locale = await CaseEditing.LocaleOfAsync(db, recoveryCase.PracticeId, cancellationToken);
            var now = clock.GetUtcNow();
            var apologisedAt = locale.FromLocal(command.ApologisedAt!.Value);
            if (apologisedAt > now.AddMinutes(1))
            {
                return CommandResult<Unit>.Invalid(nameof(Command.ApologisedAt), "The apology cannot be in the future.");
            }

            // The form speaks in whole minutes: an apology in the minute the defect happened is not "before" it.
            var occurredAt = recoveryCase.Defect.OccurredAt;
            if (apologisedAt < occurredAt.AddSeconds(-occurredAt.Second).AddTicks(-(occurredAt.Ticks % TimeSpan.TicksPerSecond)))
            {
                return CommandResult<Unit>.Invalid(nameof(Command.ApologisedAt), "The apology cannot be before the defect happened.");
            }

            var at = apologisedAt < occurredAt ? occurredAt : apologisedAt;
            recoveryCase.RecordApology(user.ToActor(), command.ApologisedBy!, command.Method, at, now);
            return CommandResult<Unit>.Ok(Unit.Value);
        }
    }
}
