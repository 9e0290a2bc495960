namespace ServiceRecovery.Domain;

/// <summary>
/// One of a practice's letter templates: what the patient is sent (subject for email, body for both email and letter), with
/// merge fields. Every save adds a <see cref="LetterTemplateVersion"/>; the template shows its current one. Nothing is deleted:
/// a custom template can be archived, the shipped kinds are always there.
/// </summary>
public sealed class LetterTemplate
{
    public const int NameLength = 80;
    public const int SubjectLength = 200;
    public const int BodyLength = 20_000;

    private readonly List<LetterTemplateVersion> _versions = [];

    private LetterTemplate() { }

    public Guid Id { get; private set; }
    public Guid PracticeId { get; private set; }
    public LetterKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";

    /// <summary>The number of the current version (1 for a new template).</summary>
    public int CurrentVersion { get; private set; }

    public Guid CurrentVersionId { get; private set; }
    public string LastSavedByName { get; private set; } = "";
    public DateTimeOffset LastSavedAt { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }
    public string? ArchivedByName { get; private set; }
    public bool IsArchived => ArchivedAt is not null;

    /// <summary>A concurrency token, renewed by every save that changes the template; its edit form carries it.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<LetterTemplateVersion> Versions => _versions;

    /// <summary>A new template, at version 1. The caller checks its merge fields first (the template language lives in the web app).</summary>
    public static LetterTemplate Create(Guid practiceId, LetterKind kind, string name, string subject, string body, Actor by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw DomainRuleException.For(nameof(Kind), "Choose what the letter is for.");
        }

        var template = new LetterTemplate { Id = Ids.New(), PracticeId = practiceId, Kind = kind };
        template.Apply(name, subject, body, by, now);
        return template;
    }

    /// <summary>Saves new words as the next version; the versions before stay as they were.</summary>
    public void Save(string name, string subject, string body, Actor by, DateTimeOffset now)
    {
        if (IsArchived)
        {
            throw DomainRuleException.For(nameof(Name), "This template is archived; add a new one instead.");
        }

        Apply(name, subject, body, by, now);
    }

    /// <summary>Takes a custom template out of the list; the shipped kinds stay, so every case can always be written to.</summary>
    public void Archive(Actor by, DateTimeOffset now)
    {
        if (Kind != LetterKind.Custom)
        {
            throw DomainRuleException.For(nameof(Kind), "Only a template the practice added can be archived; edit this one instead.");
        }

        if (IsArchived)
        {
            return;
        }

        ArchivedAt = now;
        ArchivedByName = by.Name;
    }

    private void Apply(string name, string subject, string body, Actor by, DateTimeOffset now)
    {
        Name = Check(nameof(Name), "name", name, NameLength, multiline: false);
        Subject = Check(nameof(Subject), "subject", subject, SubjectLength, multiline: false);
        Body = Check(nameof(Body), "body", body, BodyLength, multiline: true);
        CurrentVersion++;
        var version = new LetterTemplateVersion(Id, CurrentVersion, Name, Subject, Body, by, now);
        _versions.Add(version);
        CurrentVersionId = version.Id;
        LastSavedByName = by.Name;
        LastSavedAt = now;
    }

    private static string Check(string field, string what, string? value, int maxLength, bool multiline)
    {
        var text = (multiline ? (value ?? "").ReplaceLineEndings("\n") : value ?? "").Trim();
        if (text.Length == 0)
        {
            throw DomainRuleException.For(field, $"Write the template's {what}.");
        }

        if (text.Length > maxLength)
        {
            throw DomainRuleException.For(field, $"The {what} is {text.Length:N0} characters; keep it to {maxLength:N0}.");
        }

        if (!multiline && text.Contains('\n'))
        {
            throw DomainRuleException.For(field, $"Keep the {what} on one line.");
        }

        return text;
    }
}
