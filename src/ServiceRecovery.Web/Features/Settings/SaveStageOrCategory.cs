namespace ServiceRecovery.Web.Features.Settings;

/// <summary>Adds, renames, retires or moves a journey stage or a defect category: the two share one shape (<see cref="PracticeListItem"/>).</summary>
public static class SaveStageOrCategory
{
    public sealed class Command : SettingsCommand
    {
        /// <summary>Add, Rename, Retire, Up or Down.</summary>
        public string? Action { get; set; }

        /// <summary>Stage or Category.</summary>
        public string? Kind { get; set; }

        public Guid? ItemId { get; set; }

        [Display(Name = "Name")] public string? Name { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).Must(k => k is "Stage" or "Category").WithMessage("Choose a stage or a category.");
            RuleFor(c => c.Action).Must(a => a is "Add" or "Rename" or "Retire" or "Up" or "Down").WithMessage("Choose what to do.");
            RuleFor(c => c.Name).ShortText("a name", Limits.Name).When(c => c.Action is "Add" or "Rename");
            RuleFor(c => c.ItemId).NotEmpty().WithMessage("Choose the stage or category.").When(c => c.Action is not "Add");
        }
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentUser user) : SettingsHandler<Command>(db, audit, clock, user)
    {
        protected override string Apply(Practice practice, Command command, DateTimeOffset now)
        {
            var isStage = command.Kind == "Stage";
            var word = isStage ? "stage" : "category";
            if (command.Action == "Add")
            {
                _ = isStage ? practice.AddStage(command.Name!) : (PracticeListItem)practice.AddCategory(command.Name!);
                return $"{word} {command.Name!.Trim()} added";
            }

            var id = command.ItemId ?? Guid.Empty;
            PracticeListItem item = isStage ? practice.Stage(id) : practice.Category(id);
            switch (command.Action)
            {
                case "Rename": var old = item.Name; item.Rename(command.Name!); return $"{word} {old} renamed {command.Name!.Trim()}";
                case "Retire": item.Retire(now); return $"{word} {item.Name} retired";
                case var _ when !isStage: throw new DomainRuleException("Categories are listed in the order they were added.");
                default: practice.MoveStage(id, command.Action == "Up" ? -1 : 1); return $"{word} {item.Name} moved {command.Action!.ToLowerInvariant()}";
            }
        }
    }
}
