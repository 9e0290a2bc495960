using System.ComponentModel.DataAnnotations;

using FluentValidation;

using Microsoft.AspNetCore.Identity;

using ServiceRecovery.Data;
using ServiceRecovery.Domain;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Pipeline;

namespace ServiceRecovery.Web.Features.Staff;

/// <summary>
/// A manager opens an account for a colleague in their own practices, with a random first password that is
/// shown once for handing over and never stored or logged anywhere else.
/// </summary>
public static class CreateStaff
{
    public const string DuplicateEmail = "There is already an account with this email address. Find it in the staff list instead.";

    /// <summary>The practices the acting user manages, for the checkboxes.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed record FormQuery : Mediator.IQuery<IReadOnlyList<PracticeChoice>>;

    public sealed class FormHandler(AppDbContext db, ICurrentUser user) : Mediator.IQueryHandler<FormQuery, IReadOnlyList<PracticeChoice>>
    {
        public async ValueTask<IReadOnlyList<PracticeChoice>> Handle(FormQuery query, CancellationToken cancellationToken) =>
            await StaffRules.PracticesOfAsync(db, user.PracticesWhere(StaffRole.PracticeManager), cancellationToken);
    }

    /// <summary>The new account's role in each chosen practice; the creator must manage every one of them.</summary>
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : IAppCommand<Created>, ITargetsPractices
    {
        [Display(Name = "Name")]
        public string? DisplayName { get; set; }

        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Display(Name = "Role")]
        public string? Role { get; set; }

        [Display(Name = "Practices")]
        public List<Guid> PracticeIds { get; set; } = [];

        IReadOnlyCollection<Guid> ITargetsPractices.TargetPracticeIds => PracticeIds;
    }

    /// <summary>A class, not a record: a record's ToString would print the password if anything ever logged it.</summary>
    public sealed class Created(string userId, string displayName, string email, string role, IReadOnlyList<string> practices, string initialPassword)
    {
        public string UserId { get; } = userId;
        public string DisplayName { get; } = displayName;
        public string Email { get; } = email;
        public string Role { get; } = role;
        public IReadOnlyList<string> Practices { get; } = practices;
        public string InitialPassword { get; } = initialPassword;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DisplayName).ShortText("the name", Limits.Name);
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the email address.")
                .MaximumLength(Limits.Email).WithMessage($"Enter an email address of at most {Limits.Email} characters.")
                .EmailAddress().WithMessage("Enter an email address like name@practice.com.au.");
            RuleFor(c => c.Role).Must(r => r is not null && Roles.All.Contains(r)).WithMessage("Choose a role.");
            RuleFor(c => c.PracticeIds).NotEmpty().WithMessage("Choose at least one practice.");
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock)
        : Mediator.ICommandHandler<Command, CommandResult<Created>>
    {
        public async ValueTask<CommandResult<Created>> Handle(Command command, CancellationToken cancellationToken)
        {
            var practices = await StaffRules.PracticesOfAsync(db, user.PracticesWhere(StaffRole.PracticeManager), cancellationToken);
            var chosen = practices.Where(p => command.PracticeIds.Contains(p.Id)).ToList();
            if (chosen.Count != command.PracticeIds.Distinct().Count())
            {
                return CommandResult<Created>.Invalid(nameof(Command.PracticeIds), StaffRules.OwnPracticesOnly);
            }

            // The role is granted in each chosen practice, by the creator's role there.
            if (chosen.Any(p => !StaffRules.MayGrant(user.RoleIn(p.Id), command.Role)))
            {
                return CommandResult<Created>.Invalid(nameof(Command.Role), StaffRules.AdministratorOnly);
            }

            var email = command.Email!.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                return CommandResult<Created>.Invalid(nameof(Command.Email), DuplicateEmail);
            }

            var now = clock.GetUtcNow();
            var account = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = command.DisplayName!.Trim(), CreatedAt = now };
            var password = InitialPassword.Generate();
            var created = await users.CreateAsync(account, password);
            if (!created.Succeeded)
            {
                return CommandResult<Created>.Invalid(created.Errors.Select(ToFieldError).ToList());
            }

            var role = Roles.Parse(command.Role)!.Value;
            foreach (var practice in chosen)
            {
                db.Memberships.Add(new PracticeMembership { UserId = account.Id, PracticeId = practice.Id, Role = role });
                audit.Add(AuditKind.StaffChanged, practice.Id, $"Account created for {account.DisplayName} ({email}) as {StaffRules.Words(role)} in {practice.Name}");
            }

            return CommandResult<Created>.Ok(new Created(account.Id, account.DisplayName, email, command.Role!, chosen.Select(p => p.Name).ToList(), password));
        }

        private static FieldError ToFieldError(IdentityError error) => error.Code switch
        {
            "DuplicateEmail" or "DuplicateUserName" => new FieldError(nameof(Command.Email), DuplicateEmail),
            "InvalidEmail" or "InvalidUserName" => new FieldError(nameof(Command.Email), "This email address has characters an account cannot use. Enter another address."),
            _ => new FieldError("", error.Description),
        };
    }
}
