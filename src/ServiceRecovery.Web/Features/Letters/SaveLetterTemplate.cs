namespace ServiceRecovery.Web.Features.Letters;

/// <summary>Saves a template's words as its next version (or adds a custom template at version 1), after checking every merge field.</summary>
public static class SaveLetterTemplate
{
    [Requires(StaffRole.PracticeManager)]
    public sealed class Command : EditCommand<Guid>, ITargetsPractice
    {
        public Guid PracticeId { get; set; }

        /// <summary>The template edited; none for a new custom one.</summary>
        public Guid? TemplateId { get; set; }

        [Display(Name = "Name")] public string? Name { get; set; }
        [Display(Name = "Subject (for email)")] public string? Subject { get; set; }
        [Display(Name = "Body")] public string? Body { get; set; }

        Guid? ITargetsPractice.TargetPracticeId => PracticeId;

        public static Command From(LetterTemplate template) => new()
        {
            PracticeId = template.PracticeId,
            TemplateId = template.Id,
            Version = template.Version,
            Name = template.Name,
            Subject = template.Subject,
            Body = template.Body,
        };
    }

    public sealed class Handler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, CommandResult<Guid>>
    {
        public async ValueTask<CommandResult<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            // The language first: a template that is not allowed is refused before anything is loaded or stored.
            LetterTemplating.Check(nameof(Command.Subject), command.Subject);
            LetterTemplating.Check(nameof(Command.Body), command.Body);

            var by = user.ToActor(command.PracticeId);
            var now = clock.GetUtcNow();
            LetterTemplate template;
            if (command.TemplateId is { } id)
            {
                var editing = await ForEdit.LoadAsync(
                    db, db.LetterTemplates.Where(t => t.Id == id && t.PracticeId == command.PracticeId), command.Version, t => t.Version,
                    t => new ConcurrencyConflict(t.LastSavedByName, t.LastSavedAt), cancellationToken);
                if (!editing.Found(out template!))
                {
                    return editing.Refusal<Guid>();
                }

                template.Save(command.Name ?? "", command.Subject ?? "", command.Body ?? "", by, now);
            }
            else
            {
                if (!await db.Practices.AnyAsync(p => p.Id == command.PracticeId, cancellationToken))
                {
                    return CommandResult<Guid>.NotFound();
                }

                template = LetterTemplate.Create(command.PracticeId, LetterKind.Custom, command.Name ?? "", command.Subject ?? "", command.Body ?? "", by, now);
                db.LetterTemplates.Add(template);
            }

            var name = template.Name;
            if (await db.LetterTemplates.AnyAsync(t => t.PracticeId == command.PracticeId && t.Id != template.Id && t.ArchivedAt == null && t.Name == name, cancellationToken))
            {
                throw DomainRuleException.For(nameof(Command.Name), $"The practice already has a template named \"{name}\"; choose another name.");
            }

            return CommandResult<Guid>.Ok(template.Id);
        }
    }
}
