using Microsoft.AspNetCore.Identity;
using ServiceRecovery.Web.Email;
using ServiceRecovery.Web.Features.Account;

namespace ServiceRecovery.Web.Features.Staff;

/// <summary>
/// A manager brings a colleague into their own practices: by an emailed invitation (a single-use link on which the
/// person chooses their password), or, for a practice without email, with a random first password that is shown once
/// for handing over and never stored or logged anywhere else. Inviting an address that already has an account adds
/// the memberships and tells the person by email; the manager learns nothing of the account's other practices.
/// </summary>
public static class CreateStaff
{
    public const string DuplicateEmail = "There is already an account with this email address. Find it in the staff list instead.";
    public const string AlreadyMember = "This person is already a member of the chosen practice. Find them in the staff list instead.";
    public const string ExistingNeedsInvitation = "There is already an account with this email address, so it cannot get a first password. Choose \"Email an invitation\" to add it to your practice.";

    /// <summary>How the new colleague gets in: an emailed invitation (the usual way) or a first password shown once.</summary>
    public const string ByInvitation = "invitation";
    public const string ByPassword = "password";

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

        [Display(Name = "How they get in")]
        public string? Delivery { get; set; } = ByInvitation;

        IReadOnlyCollection<Guid> ITargetsPractices.TargetPracticeIds => PracticeIds;
    }

    public enum Outcome
    {
        /// <summary>A new account with a first password to hand over.</summary>
        Password,

        /// <summary>A new account without a password; the invitation is in the outbox.</summary>
        Invited,

        /// <summary>The address already had an account: it is now a member here, and was told by email.</summary>
        AddedExisting,
    }

    /// <summary>A class, not a record: a record's ToString would print the password if anything ever logged it.</summary>
    public sealed class Created(string userId, string displayName, string email, string role, IReadOnlyList<string> practices, string? initialPassword, Outcome outcome)
    {
        public Outcome Outcome { get; } = outcome;

        public string UserId { get; } = userId;
        public string DisplayName { get; } = displayName;
        public string Email { get; } = email;
        public string Role { get; } = role;
        public IReadOnlyList<string> Practices { get; } = practices;
        public string? InitialPassword { get; } = initialPassword;
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
            RuleFor(c => c.Delivery).Must(d => d is ByInvitation or ByPassword).WithMessage("Choose how they get in: an invitation by email or a first password.");
        }
    }

    public sealed class Handler(
        UserManager<ApplicationUser> users, AppDbContext db, ICurrentUser user, AuditLog audit, TimeProvider clock, AccountLinks links, EmailLinks emailLinks)
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
            var role = Roles.Parse(command.Role)!.Value;
            var byInvitation = command.Delivery == ByInvitation;
            if (await users.FindByEmailAsync(email) is { } existing)
            {
                return byInvitation
                    ? await AddExistingAsync(existing, chosen, role, cancellationToken)
                    : CommandResult<Created>.Invalid(nameof(Command.Email), ExistingNeedsInvitation);
            }

            var now = clock.GetUtcNow();
            var account = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = !byInvitation, DisplayName = command.DisplayName!.Trim(), CreatedAt = now };
            var password = byInvitation ? null : InitialPassword.Generate();
            // Invited: no password at all until the person chooses one on the link, so nothing can sign in before then.
            var created = password is null ? await users.CreateAsync(account) : await users.CreateAsync(account, password);
            if (!created.Succeeded)
            {
                return CommandResult<Created>.Invalid(created.Errors.Select(ToFieldError).ToList());
            }

            foreach (var practice in chosen)
            {
                db.Memberships.Add(new PracticeMembership { UserId = account.Id, PracticeId = practice.Id, Role = role });
                audit.Add(AuditKind.StaffChanged, practice.Id, $"Account created for {account.DisplayName} ({email}) as {StaffRules.Words(role)} in {practice.Name}");
            }

            if (byInvitation)
            {
                await Invitations.SendAsync(db, links, emailLinks, audit, account, chosen[0], StaffRules.Words(role), user.Name, user.UserId, resent: false, cancellationToken);
            }

            return CommandResult<Created>.Ok(new Created(account.Id, account.DisplayName, email, command.Role!, chosen.Select(p => p.Name).ToList(), password,
                byInvitation ? Outcome.Invited : Outcome.Password));
        }

        /// <summary>
        /// The address has an account already (perhaps at a practice this manager does not manage, which stays unsaid):
        /// it becomes a member of the chosen practices with the role, and the person is told by email.
        /// </summary>
        private async Task<CommandResult<Created>> AddExistingAsync(ApplicationUser existing, List<PracticeChoice> chosen, StaffRole role, CancellationToken cancellationToken)
        {
            var ids = chosen.Select(p => p.Id).ToList();
            if (await db.Memberships.AnyAsync(m => m.UserId == existing.Id && ids.Contains(m.PracticeId), cancellationToken))
            {
                return CommandResult<Created>.Invalid(nameof(Command.Email), AlreadyMember);
            }

            var now = clock.GetUtcNow();
            foreach (var practice in chosen)
            {
                db.Memberships.Add(new PracticeMembership { UserId = existing.Id, PracticeId = practice.Id, Role = role });
                audit.Add(AuditKind.StaffChanged, practice.Id, $"Existing account of {existing.DisplayName} ({existing.Email}) added as {StaffRules.Words(role)} in {practice.Name}");
                db.Outbox.Add(AccountEmails.AddedToPractice(practice.Id, existing.Id, existing.Email!, existing.DisplayName, practice.Name, user.Name,
                    StaffRules.Words(role), emailLinks.SignIn, now));
            }

            // Their sessions pick up the new practice at the next sign-in, as after any change of practices.
            await users.UpdateSecurityStampAsync(existing);
            return CommandResult<Created>.Ok(new Created(existing.Id, existing.DisplayName, existing.Email!, Roles.Name(role), chosen.Select(p => p.Name).ToList(), null,
                Outcome.AddedExisting));
        }

        private static FieldError ToFieldError(IdentityError error) => error.Code switch
        {
            "DuplicateEmail" or "DuplicateUserName" => new FieldError(nameof(Command.Email), DuplicateEmail),
            "InvalidEmail" or "InvalidUserName" => new FieldError(nameof(Command.Email), "This email address has characters an account cannot use. Enter another address."),
            _ => new FieldError("", error.Description),
        };
    }
}
