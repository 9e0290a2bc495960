using Microsoft.AspNetCore.Identity;
using ServiceRecovery.Web.Features.Practices;

namespace ServiceRecovery.Web.Features.Setup;

/// <summary>
/// The first administrator and the first practice of an empty install, in one transaction, claiming the setup token.
/// The page and the <c>setup</c> command line both send it.
/// </summary>
public static class SetUpInstall
{
    [PublicRequest("Answers only the current one-time setup token (stored as a hash, 24 hours, single use) while nobody has an account; limited like sign-in.")]
    public sealed class Command : PracticeForm, IAppCommand<Created>
    {
        public string? Token { get; set; }

        [Display(Name = "Your name")] public string? AdminName { get; set; }
        [Display(Name = "Your email")] public string? AdminEmail { get; set; }
        [Display(Name = "Password")] public string? Password { get; set; }
    }

    public sealed record Created(string UserId, string AdminEmail, Guid PracticeId, string PracticeName, string Slug);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new PracticeFormRules());
            RuleFor(c => c.AdminName).ShortText("your name", Limits.Name);
            RuleFor(c => c.AdminEmail).NotEmpty().WithMessage("Enter your email address.")
                .MaximumLength(Limits.Email).WithMessage($"Enter an email address of at most {Limits.Email} characters.")
                .EmailAddress().WithMessage("Enter an email address like name@practice.com.au.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.")
                .MaximumLength(256).WithMessage("Choose a password of at most 256 characters.");
        }
    }

    public sealed class Handler(AppDbContext db, UserManager<ApplicationUser> users, SetupTokens tokens, AuditLog audit, TimeProvider clock)
        : Mediator.ICommandHandler<Command, CommandResult<Created>>
    {
        public async ValueTask<CommandResult<Created>> Handle(Command command, CancellationToken cancellationToken)
        {
            // The token is checked again here, inside the transaction: the page's check may be minutes old.
            if (await tokens.FindValidAsync(command.Token, cancellationToken) is not { } token)
            {
                return CommandResult<Created>.NotFound();
            }

            var practice = Practice.CreateWithDefaults(command.ToDetails());
            if (await PracticeForm.SlugTakenAsync(db, practice.Slug, null, cancellationToken))
            {
                return CommandResult<Created>.Invalid(nameof(Command.Slug), PracticeForm.SlugClash);
            }

            // Claimed first, at the version read: a second post at the same time (on this instance or another) fails its
            // save here with a concurrency conflict instead of making a second administrator.
            var now = clock.GetUtcNow();
            db.Entry(token).Property(t => t.Version).OriginalValue = token.Version;
            token.Version = Guid.NewGuid();
            token.UsedAt = now;
            db.Practices.Add(practice);
            await db.SaveChangesAsync(cancellationToken);

            var email = command.AdminEmail!.Trim();
            var account = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = command.AdminName!.Trim(), CreatedAt = now };
            var created = await users.CreateAsync(account, command.Password!);
            if (!created.Succeeded)
            {
                return CommandResult<Created>.Invalid(created.Errors.Select(ToFieldError).ToList());
            }

            db.Memberships.Add(new PracticeMembership { UserId = account.Id, PracticeId = practice.Id, Role = StaffRole.Administrator });
            audit.Add(AuditKind.SetupCompleted, practice.Id, $"Set up: first administrator {account.DisplayName} ({email}) and practice {practice.Name}", account.Id, account.DisplayName);
            return CommandResult<Created>.Ok(new Created(account.Id, email, practice.Id, practice.Name, practice.Slug));
        }

        private static FieldError ToFieldError(IdentityError error) => error.Code switch
        {
            "InvalidEmail" or "InvalidUserName" or "DuplicateEmail" or "DuplicateUserName" =>
                new FieldError(nameof(Command.AdminEmail), "This email address has characters an account cannot use. Enter another address."),
            _ => new FieldError(nameof(Command.Password), error.Description),
        };
    }
}
